using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>A place where data leaves the system (an export) or is copied in bulk into another table or store.</summary>
    internal sealed class ExportSink
    {
        public ExportSink(IOperation operation, string name, ImmutableArray<IOperation> data, bool bulk)
        {
            Operation = operation;
            Name = name;
            Data = data;
            Bulk = bulk;
        }

        public IOperation Operation { get; }

        /// <summary>As users know it: "CsvWriter.WriteRecords", "File.WriteAllLines".</summary>
        public string Name { get; }

        /// <summary>The arguments that carry the exported data.</summary>
        public ImmutableArray<IOperation> Data { get; }

        /// <summary>RG2002 (bulk extraction into another table or store) rather than RG2001.</summary>
        public bool Bulk { get; }
    }

    /// <summary>Recognises the built-in export and bulk sinks, and the in-house ones the policy lists in exportSinks.</summary>
    internal sealed class ExportSinks
    {
        private readonly ImmutableHashSet<IMethodSymbol> _policySinks;

        public ExportSinks(Compilation compilation, Policy.PolicyModel policy)
        {
            var builder = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in policy.Document.ExportSinks)
            {
                int dot = name.Value.LastIndexOf('.');
                if (dot <= 0)
                {
                    continue;
                }

                var type = Policy.PolicyModel.ResolveType(compilation, name.Value.Substring(0, dot));
                if (type == null)
                {
                    continue;
                }

                foreach (var member in type.GetMembers(name.Value.Substring(dot + 1)))
                {
                    if (member is IMethodSymbol method)
                    {
                        builder.Add(method.OriginalDefinition);
                    }
                }
            }

            _policySinks = builder.ToImmutable();
        }

        public ExportSink? Find(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    return FromCall(call);
                case IObjectCreationOperation creation when creation.Type != null:
                    {
                        string ns = Namespace(creation.Type);
                        string type = creation.Type.Name;
                        if (ns.StartsWith("DocumentFormat.OpenXml", StringComparison.Ordinal) || type is "FileContentResult" or "FileStreamResult")
                        {
                            return new ExportSink(creation, type, Values(creation.Arguments), false);
                        }

                        return null;
                    }

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    when Namespace(property.Property.ContainingType).StartsWith("ClosedXML", StringComparison.Ordinal):
                    return new ExportSink(assignment, property.Property.ContainingType.Name + "." + property.Property.Name, ImmutableArray.Create(assignment.Value), false);
                default:
                    return null;
            }
        }

        private ExportSink? FromCall(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            var type = method.ContainingType;
            if (type == null)
            {
                return null;
            }

            string name = method.Name;
            string ns = Namespace(type);
            string display = type.Name + "." + name;

            if (_policySinks.Contains(method.OriginalDefinition) || (method.ReducedFrom != null && _policySinks.Contains(method.ReducedFrom.OriginalDefinition)))
            {
                return Sink(call, display, false, 0);
            }

            if (ns == "System.IO" && type.Name == "File" && (name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Append", StringComparison.Ordinal)))
            {
                return Sink(call, display, false, 1);
            }

            if (DerivesFrom(type, "System.IO", "TextWriter") && name.StartsWith("Write", StringComparison.Ordinal))
            {
                return Sink(call, display, false, 0);
            }

            if (DerivesFrom(type, "System.IO", "Stream") && name.StartsWith("Write", StringComparison.Ordinal))
            {
                return Sink(call, display, false, 0);
            }

            if (ns.StartsWith("CsvHelper", StringComparison.Ordinal) && name.StartsWith("Write", StringComparison.Ordinal))
            {
                return Sink(call, display, false, 0);
            }

            if (ns == "System.Text.Json" && type.Name == "JsonSerializer" && name.StartsWith("Serialize", StringComparison.Ordinal) &&
                method.Parameters.Length > 1 && (DerivesFrom(method.Parameters[0].Type, "System.IO", "Stream") || method.Parameters[0].Type.Name == "Utf8JsonWriter"))
            {
                return Sink(call, display, false, 1);
            }

            if (ns.StartsWith("System.Net.Http", StringComparison.Ordinal) && (type.Name == "HttpClient" || type.Name.StartsWith("HttpClientJson", StringComparison.Ordinal)) &&
                (name.StartsWith("Post", StringComparison.Ordinal) || name.StartsWith("Put", StringComparison.Ordinal) ||
                 name.StartsWith("Patch", StringComparison.Ordinal) || name.StartsWith("Send", StringComparison.Ordinal)))
            {
                return Sink(call, display, false, 0);
            }

            if (ns.StartsWith("ClosedXML", StringComparison.Ordinal) && (name is "SetValue" or "InsertTable" or "InsertData" || name.StartsWith("SaveAs", StringComparison.Ordinal)))
            {
                return Sink(call, display, false, 0);
            }

            if ((ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && (name == "File" || name == "PhysicalFile" || name == "Bytes" || name == "Stream")))
            {
                return Sink(call, display, false, 0);
            }

            // Bulk extraction into another table or store.
            if (type.Name == "SqlBulkCopy" && name.StartsWith("WriteToServer", StringComparison.Ordinal))
            {
                return Sink(call, display, true, 0);
            }

            if (name.IndexOf("BulkInsert", StringComparison.Ordinal) >= 0 || name.IndexOf("BulkMerge", StringComparison.Ordinal) >= 0)
            {
                return Sink(call, display, true, 0);
            }

            if (name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync" && ns == "Microsoft.EntityFrameworkCore" && (type.Name == "DbContext" || type.Name == "DbSet" || DerivesFrom(type, ns, "DbContext")))
            {
                return Sink(call, display, true, 0);
            }

            return null;
        }

        private static ExportSink Sink(IInvocationOperation call, string display, bool bulk, int skip)
        {
            var data = ImmutableArray.CreateBuilder<IOperation>();
            int index = 0;
            foreach (var arg in call.Arguments)
            {
                bool isThis = call.TargetMethod.IsExtensionMethod && arg.Parameter?.Ordinal == 0 && call.Instance == null;
                if (arg.ArgumentKind == ArgumentKind.DefaultValue || isThis)
                {
                    continue;
                }

                if (index++ < skip)
                {
                    continue;
                }

                var t = arg.Value.Type;
                if (t?.Name is "CancellationToken" or "Uri" || (t?.SpecialType == SpecialType.System_String && arg.Parameter?.Name is "requestUri" or "path" or "fileName"))
                {
                    continue;
                }

                data.Add(arg.Value);
            }

            return new ExportSink(call, display, data.ToImmutable(), bulk);
        }

        private static ImmutableArray<IOperation> Values(ImmutableArray<IArgumentOperation> arguments)
        {
            var data = ImmutableArray.CreateBuilder<IOperation>(arguments.Length);
            foreach (var a in arguments)
            {
                data.Add(a.Value);
            }

            return data.MoveToImmutable();
        }

        private static string Namespace(ITypeSymbol type) => type.ContainingNamespace?.ToDisplayString() ?? string.Empty;

        private static bool DerivesFrom(ITypeSymbol? type, string ns, string name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (t.Name == name && Namespace(t) == ns)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
