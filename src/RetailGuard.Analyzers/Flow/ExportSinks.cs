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
        public ExportSink(IOperation operation, string name, ImmutableArray<IOperation> data, bool bulk, ITypeSymbol? writeTarget = null, bool single = false)
        {
            Operation = operation;
            Name = name;
            Data = data;
            Bulk = bulk;
            WriteTarget = writeTarget;
            Single = single;
        }

        public IOperation Operation { get; }

        /// <summary>As users know it: "CsvWriter.WriteRecords", "File.WriteAllLines".</summary>
        public string Name { get; }

        /// <summary>The arguments that carry the exported data.</summary>
        public ImmutableArray<IOperation> Data { get; }

        /// <summary>RG2002 (bulk extraction into another table or store) rather than RG2001.</summary>
        public bool Bulk { get; }

        /// <summary>
        /// For EF Core's <c>Add</c>/<c>AddRange</c>: the entity type written. Rows written back into their own table are
        /// not extracted; only rows copied into another table are.
        /// </summary>
        public ITypeSymbol? WriteTarget { get; }

        /// <summary>
        /// For EF Core's <c>Add</c>/<c>AddAsync</c>: one entity is written. That copies rows in bulk only when it runs in a
        /// loop; a single new entity is an ordinary write.
        /// </summary>
        public bool Single { get; }
    }

    /// <summary>Recognises the built-in export and bulk sinks, and the in-house ones the policy lists in exportSinks.</summary>
    internal sealed class ExportSinks
    {
        private readonly ImmutableHashSet<IMethodSymbol> _policySinks;
        private readonly ImmutableHashSet<string> _policySinkNames;
        private readonly KnownTypes _known;
        private readonly Linq.EfSymbols _ef;
        private Func<IMethodSymbol, SinkShape?>? _classify;

        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, SinkShape?> _shapes =
            new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, SinkShape?>(ReferenceComparer<IMethodSymbol>.Instance);

        public ExportSinks(Compilation compilation, Policy.PolicyModel policy, KnownTypes known, Linq.EfSymbols ef)
        {
            _known = known;
            _ef = ef;
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
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var m in _policySinks)
            {
                names.Add(m.Name);
            }

            _policySinkNames = names.ToImmutable();
        }

        public ExportSink? Find(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    return FromCall(call);
                case IObjectCreationOperation creation when creation.Type != null && (_known.HasOpenXml || _known.HasAspNetCore):
                    {
                        string type = creation.Type.Name;
                        if (KnownTypes.FromAssembly(creation.Type, "DocumentFormat.OpenXml") ||
                            (type is "FileContentResult" or "FileStreamResult" && KnownTypes.FromAssembly(creation.Type, "Microsoft.AspNetCore")))
                        {
                            return new ExportSink(creation, type, Values(creation.Arguments), false);
                        }

                        return null;
                    }

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    when _known.HasClosedXml && KnownTypes.FromAssembly(property.Property.ContainingType, "ClosedXML"):
                    return new ExportSink(assignment, property.Property.ContainingType.Name + "." + property.Property.Name, ImmutableArray.Create(assignment.Value), false);
                default:
                    return null;
            }
        }

        private ExportSink? FromCall(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (method.ContainingType == null || !(MaybeSinkName(method.Name) || _policySinkNames.Contains(method.Name)))
            {
                return null;
            }

            // What a method is (a sink, and how its arguments are read) depends on the method alone: decided once per method.
            var definition = method.OriginalDefinition;
            var shape = _shapes.TryGetValue(definition, out var known) ? known : _shapes.GetOrAdd(definition, _classify ??= Classify);
            if (shape == null)
            {
                return null;
            }

            var sink = Sink(call, shape.Bulk, shape.Skip);
            return shape.EfWrite ? new ExportSink(call, sink.Name, sink.Data, true, WrittenEntity(call), shape.Single) : sink;
        }

        /// <summary>
        /// The names built-in sinks can have (Write…, Append…, Serialize…, Post/Put/Patch/Send…, Set/Insert/SaveAs…, File,
        /// Bytes, Stream, …Bulk…, Add…): any other call is decided without a look-up.
        /// </summary>
        private static bool MaybeSinkName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            switch (name[0])
            {
                case 'W':
                    return name.StartsWith("Write", StringComparison.Ordinal);
                case 'A':
                    return name.StartsWith("Append", StringComparison.Ordinal) || name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync";
                case 'S':
                    return name.StartsWith("Serialize", StringComparison.Ordinal) || name.StartsWith("Send", StringComparison.Ordinal) ||
                           name.StartsWith("SaveAs", StringComparison.Ordinal) || name is "SetValue" or "Stream";
                case 'P':
                    return name.StartsWith("Post", StringComparison.Ordinal) || name.StartsWith("Put", StringComparison.Ordinal) ||
                           name.StartsWith("Patch", StringComparison.Ordinal) || name == "PhysicalFile";
                case 'I':
                    return name is "InsertTable" or "InsertData";
                case 'F':
                    return name == "File";
                case 'B':
                    return name == "Bytes" || name.IndexOf("Bulk", StringComparison.Ordinal) >= 0;
                default:
                    return name.IndexOf("Bulk", StringComparison.Ordinal) >= 0;
            }
        }

        private SinkShape? Classify(IMethodSymbol method)
        {
            var type = method.ContainingType;
            string name = method.Name;
            if (_policySinks.Contains(method) || (method.ReducedFrom != null && _policySinks.Contains(method.ReducedFrom.OriginalDefinition)))
            {
                return SinkShape.Export(0);
            }

            bool writes = name.StartsWith("Write", StringComparison.Ordinal);
            if (KnownTypes.Is(type, _known.File) && (writes || name.StartsWith("Append", StringComparison.Ordinal)))
            {
                return SinkShape.Export(1);
            }

            if (writes && (KnownTypes.DerivesFrom(type, _known.TextWriter) || KnownTypes.DerivesFrom(type, _known.Stream) || KnownTypes.FromAssembly(type, "CsvHelper")))
            {
                return SinkShape.Export(0);
            }

            if (KnownTypes.Is(type, _known.JsonSerializer) && name.StartsWith("Serialize", StringComparison.Ordinal) && method.Parameters.Length > 1 &&
                (KnownTypes.DerivesFrom(method.Parameters[0].Type, _known.Stream) || KnownTypes.Is(method.Parameters[0].Type, _known.Utf8JsonWriter)))
            {
                return SinkShape.Export(1);
            }

            if ((KnownTypes.Is(type, _known.HttpClient) || KnownTypes.Is(type, _known.HttpClientJsonExtensions)) &&
                (name.StartsWith("Post", StringComparison.Ordinal) || name.StartsWith("Put", StringComparison.Ordinal) ||
                 name.StartsWith("Patch", StringComparison.Ordinal) || name.StartsWith("Send", StringComparison.Ordinal)))
            {
                return SinkShape.Export(0);
            }

            if (KnownTypes.FromAssembly(type, "ClosedXML") && (name is "SetValue" or "InsertTable" or "InsertData" || name.StartsWith("SaveAs", StringComparison.Ordinal)))
            {
                return SinkShape.Export(0);
            }

            if (name is "File" or "PhysicalFile" or "Bytes" or "Stream" && KnownTypes.FromAssembly(type, "Microsoft.AspNetCore"))
            {
                return SinkShape.Export(0);
            }

            // Bulk extraction into another table or store.
            if (type.Name == "SqlBulkCopy" && name.StartsWith("WriteToServer", StringComparison.Ordinal))
            {
                return SinkShape.BulkCopy;
            }

            if (name.IndexOf("BulkInsert", StringComparison.Ordinal) >= 0 || name.IndexOf("BulkMerge", StringComparison.Ordinal) >= 0)
            {
                return SinkShape.BulkCopy;
            }

            // Writing entities back with EF Core (Add, Update, Attach, SaveChanges) is not an extraction; copying rows of a
            // protected table into another entity's table is (AddRange of a query, or Add in a loop).
            if (name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync" && (KnownTypes.Is(type, _ef.DbContext) || KnownTypes.DerivesFrom(type, _ef.DbSet)))
            {
                return name is "Add" or "AddAsync" ? SinkShape.EfAddOne : SinkShape.EfAddRange;
            }

            return null;
        }

        /// <summary>How a sink method takes its data, decided once per method.</summary>
        private sealed class SinkShape
        {
            public static readonly SinkShape BulkCopy = new SinkShape(true, 0, false, false);
            public static readonly SinkShape EfAddOne = new SinkShape(true, 0, true, true);
            public static readonly SinkShape EfAddRange = new SinkShape(true, 0, true, false);
            private static readonly SinkShape[] Exports = { new SinkShape(false, 0, false, false), new SinkShape(false, 1, false, false) };

            private SinkShape(bool bulk, int skip, bool efWrite, bool single)
            {
                Bulk = bulk;
                Skip = skip;
                EfWrite = efWrite;
                Single = single;
            }

            public bool Bulk { get; }

            /// <summary>Leading arguments that are not data (a path).</summary>
            public int Skip { get; }

            public bool EfWrite { get; }

            public bool Single { get; }

            public static SinkShape Export(int skip) => Exports[skip];
        }

        /// <summary>The entity type an EF Core Add/AddRange writes: the set's element, or the argument's (element) type on a context.</summary>
        private ITypeSymbol? WrittenEntity(IInvocationOperation call)
        {
            if (call.Instance?.Type is INamedTypeSymbol set && _ef.IsDbSet(set, out var element))
            {
                return element;
            }

            foreach (var arg in call.Arguments)
            {
                var t = OperationTree.Unwrap(arg.Value).Type;
                if (t == null || t.SpecialType != SpecialType.None)
                {
                    continue;
                }

                return _ef.IsSequence(t, out var item) ? item : t;
            }

            return null;
        }

        private static ExportSink Sink(IInvocationOperation call, bool bulk, int skip)
        {
            string display = call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name;
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
    }
}
