using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Linq;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    internal enum SqlSinkKind
    {
        Dapper,
        AdoNet,
        EfCore,
    }

    /// <summary>What the text of a sink is: SQL text, or the name of a stored procedure (<c>CommandType.StoredProcedure</c>).</summary>
    internal enum SqlCommandKind
    {
        Text,
        StoredProcedure,

        /// <summary>The command type is set at run time, or to different values: the text could be either.</summary>
        Unknown,
    }

    /// <summary>A place where SQL text is executed: a Dapper call, a DbCommand's text, an EF Core raw-SQL API.</summary>
    internal sealed class SqlSink
    {
        /// <summary><c>System.Data.CommandType.StoredProcedure</c>.</summary>
        private const int StoredProcedureValue = 4;

        public SqlSink(SqlSinkKind kind, string name, IOperation sql, IOperation? parameters, bool holesAsParameters, bool efPlaceholders,
            SqlCommandKind command = SqlCommandKind.Text)
        {
            Kind = kind;
            Name = name;
            Sql = sql;
            Parameters = parameters;
            HolesAsParameters = holesAsParameters;
            EfPlaceholders = efPlaceholders;
            Command = command;
        }

        /// <summary>Whether <see cref="Sql"/> is SQL text or a stored procedure's name.</summary>
        public SqlCommandKind Command { get; }

        public SqlSinkKind Kind { get; }

        /// <summary>The API as users know it, for messages: "Query", "CommandText", "FromSqlRaw".</summary>
        public string Name { get; }

        public IOperation Sql { get; }

        /// <summary>Dapper's param object, EF Core's parameter array, CommandDefinition's parameters.</summary>
        public IOperation? Parameters { get; }

        /// <summary>FormattableString APIs: interpolation holes become parameters.</summary>
        public bool HolesAsParameters { get; }

        /// <summary>EF Core raw APIs: {0} placeholders are parameters.</summary>
        public bool EfPlaceholders { get; }

        public static SqlSink? Find(IOperation operation, KnownTypes known)
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    return FromCall(call, known);
                case IObjectCreationOperation creation:
                    return FromCreation(creation, known);
                case ISimpleAssignmentOperation assignment when assignment.Target is IPropertyReferenceOperation { Property: { Name: "CommandText" } } property &&
                                                              known.IsDbCommand(property.Instance?.Type ?? property.Property.ContainingType):
                    return new SqlSink(SqlSinkKind.AdoNet, "CommandText", assignment.Value, null, false, false, AdoCommandKind(assignment, property.Instance));
                default:
                    return null;
            }
        }

        private static SqlSink? FromCall(IInvocationOperation call, KnownTypes known)
        {
            var method = call.TargetMethod;
            var type = method.ContainingType;
            if (type == null)
            {
                return null;
            }

            if (KnownTypes.Is(type, known.SqlMapper))
            {
                var sql = Argument(call, "sql");
                return sql == null || sql.Type?.SpecialType != SpecialType.System_String
                    ? null
                    : new SqlSink(SqlSinkKind.Dapper, method.Name, sql, Argument(call, "param"), false, false, CommandKindOf(Argument(call, "commandType")));
            }

            if (KnownTypes.Is(type, known.RelationalQueryableExtensions) || KnownTypes.Is(type, known.RelationalDatabaseFacadeExtensions))
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Name != "sql")
                    {
                        continue;
                    }

                    var sql = Argument(call, "sql");
                    if (sql == null)
                    {
                        return null;
                    }

                    bool formattable = parameter.Type.Name == "FormattableString";
                    return new SqlSink(SqlSinkKind.EfCore, method.Name, sql, Argument(call, "parameters"), formattable, !formattable);
                }
            }

            return null;
        }

        private static SqlSink? FromCreation(IObjectCreationOperation creation, KnownTypes known)
        {
            var type = creation.Type;
            if (type == null || creation.Constructor == null)
            {
                return null;
            }

            bool dapperCommand = KnownTypes.Is(type, known.CommandDefinition);
            if (!dapperCommand && !known.IsDbCommand(type))
            {
                return null;
            }

            foreach (var arg in creation.Arguments)
            {
                if (arg.Parameter?.Name is "commandText" or "cmdText" && arg.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    IOperation? parameters = null;
                    var command = SqlCommandKind.Text;
                    if (dapperCommand)
                    {
                        foreach (var other in creation.Arguments)
                        {
                            if (other.Parameter?.Name == "parameters")
                            {
                                parameters = other.Value;
                            }
                            else if (other.Parameter?.Name == "commandType" && other.ArgumentKind != ArgumentKind.DefaultValue)
                            {
                                command = CommandKindOf(other.Value);
                            }
                        }
                    }
                    else
                    {
                        command = AdoCommandKind(creation, null);
                    }

                    return new SqlSink(dapperCommand ? SqlSinkKind.Dapper : SqlSinkKind.AdoNet, type.Name, arg.Value, parameters, false, false, command);
                }
            }

            return null;
        }

        /// <summary>A <c>CommandType</c> value: a constant, the default (null, Text), or unknown.</summary>
        private static SqlCommandKind CommandKindOf(IOperation? value)
        {
            if (value == null)
            {
                return SqlCommandKind.Text;
            }

            var op = OperationTree.Unwrap(value);
            if (op is IDefaultValueOperation || (op.ConstantValue.HasValue && op.ConstantValue.Value == null))
            {
                return SqlCommandKind.Text;
            }

            if (!op.ConstantValue.HasValue || !(op.ConstantValue.Value is int constant))
            {
                return SqlCommandKind.Unknown;
            }

            return constant == StoredProcedureValue ? SqlCommandKind.StoredProcedure : SqlCommandKind.Text;
        }

        /// <summary>
        /// ADO.NET: the <c>CommandType</c> set on the same command, in its object initializer or on the local, field or
        /// property that holds it, anywhere in the member. None is Text; different or run-time values are unknown.
        /// </summary>
        private static SqlCommandKind AdoCommandKind(IOperation sink, IOperation? instance)
        {
            var kinds = new List<SqlCommandKind>();
            ISymbol? holder = HolderOf(instance);
            IOperation? initializer = null;
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                initializer = sink.Parent;
                for (var p = sink.Parent; p != null; p = p.Parent)
                {
                    if (p is IObjectCreationOperation created)
                    {
                        holder = HolderOf(created);
                        break;
                    }
                }
            }
            else if (sink is IObjectCreationOperation creation)
            {
                initializer = creation.Initializer;
                holder = HolderOf(creation);
            }

            if (initializer != null)
            {
                foreach (var child in initializer.ChildOperations)
                {
                    if (child is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "CommandType" } } } set)
                    {
                        kinds.Add(CommandKindOf(set.Value));
                    }
                }
            }

            if (holder != null)
            {
                foreach (var op in OperationTree.Root(sink).Descendants())
                {
                    if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "CommandType" } } target } set &&
                        SymbolEqualityComparer.Default.Equals(HolderOf(target.Instance), holder))
                    {
                        kinds.Add(CommandKindOf(set.Value));
                    }
                }
            }

            if (kinds.Count == 0)
            {
                return SqlCommandKind.Text;
            }

            foreach (var kind in kinds)
            {
                if (kind != kinds[0])
                {
                    return SqlCommandKind.Unknown;
                }
            }

            return kinds[0];
        }

        /// <summary>The local, field or property a command is held in, or that a new command is stored to.</summary>
        private static ISymbol? HolderOf(IOperation? operation)
        {
            switch (operation == null ? null : OperationTree.Unwrap(operation))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty:
                    return property.Property;
                case IObjectCreationOperation creation:
                    var parent = creation.Parent;
                    while (parent is IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent switch
                    {
                        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                        ISimpleAssignmentOperation assignment => HolderOf(assignment.Target),
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static IOperation? Argument(IInvocationOperation call, string name)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Parameter?.Name == name && arg.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return arg.Value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// What each SQL parameter of a sink is bound to, in the same method: Dapper's anonymous object or
    /// DynamicParameters, ADO.NET Parameters.Add/AddWithValue, EF Core parameters (an array, a collection expression) and
    /// interpolation holes, and the policy's trusted parameters. Each bound value is judged by the compilation's
    /// <see cref="OwnValueProof"/>: through members, locals, and the callers of the method (a private helper whose every caller
    /// passes the own code binds an own value). A set (<c>IN @codes</c>, PostgreSQL's <c>= ANY(@codes)</c>) is own when every
    /// element is.
    /// </summary>
    internal sealed class SqlParameterBindings
    {
        private readonly Dictionary<string, Operand> _values = new Dictionary<string, Operand>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Bound values not judged yet: each is proven the first time the SQL compares with it.</summary>
        private readonly Dictionary<string, IOperation> _pending = new Dictionary<string, IOperation>(StringComparer.OrdinalIgnoreCase);
        private readonly AnalysisContext? _context;
        private readonly System.Threading.CancellationToken _cancellationToken;

        private SqlParameterBindings(AnalysisContext? context, System.Threading.CancellationToken cancellationToken)
        {
            _context = context;
            _cancellationToken = cancellationToken;
        }

        public static SqlParameterBindings For(SqlSink sink, SqlText text, AnalysisContext context, System.Threading.CancellationToken cancellationToken = default)
        {
            var bindings = new SqlParameterBindings(context, cancellationToken);
            var root = OperationTree.Root(sink.Sql);

            if (sink.Kind == SqlSinkKind.AdoNet || sink.Kind == SqlSinkKind.Dapper)
            {
                bindings.BindCollectionCalls(root);
            }

            if (sink.Parameters != null)
            {
                if (sink.Kind == SqlSinkKind.EfCore)
                {
                    bindings.BindArray(sink.Parameters);
                }
                else
                {
                    bindings.BindObject(sink.Parameters, 0);
                }
            }

            foreach (var hole in text.Holes)
            {
                bindings._pending.Remove(Key(hole.ParameterName!));
                bindings._values[Key(hole.ParameterName!)] = hole.ParameterValue ?? Operand.Unknown;
            }

            return bindings;
        }

        /// <summary>A .sql file binds nothing itself: only the policy's trusted parameters count as own.</summary>
        public static SqlParameterBindings None { get; } = new SqlParameterBindings(null, default);

        public Operand? Lookup(string name)
        {
            string key = Key(name);
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }

            if (_pending.TryGetValue(key, out var pending))
            {
                _pending.Remove(key);
                value = Bind(pending);
                _values[key] = value;
                return value;
            }

            return null;
        }

        /// <summary>Records what a parameter is bound to; a later binding of the same name replaces it, as it does at run time.</summary>
        private void Set(string name, IOperation value)
        {
            string key = Key(name);
            _values.Remove(key);
            _pending[key] = value;
        }

        private static string Key(string name) => name.TrimStart('@', ':', '$', '?');

        /// <summary>The value bound to a parameter: a scalar judged as it is, a collection (expanded by Dapper and Npgsql) by its elements.</summary>
        private Operand Bind(IOperation value)
        {
            var context = _context!;
            var inner = OperationTree.Unwrap(value);
            if (IsSet(inner.Type) || inner.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax)
            {
                var elements = context.Values.Elements(inner, null, _cancellationToken);
                foreach (var element in elements)
                {
                    if (element.Kind != OperandKind.Own)
                    {
                        return Operand.Unproven(Diagnostics.Descriptors.Phrase("ProofSetOf", ProofText.Describe(element)));
                    }
                }

                return elements.IsEmpty ? Operand.Unproven(Diagnostics.Descriptors.Phrase("ProofEmptySet")) : Operand.OwnFrom(null, null);
            }

            return context.Values.Resolve(value, null, _cancellationToken);
        }

        private static bool IsSet(ITypeSymbol? type)
        {
            if (type == null || type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Array && ((IArrayTypeSymbol)type).ElementType.SpecialType == SpecialType.System_Byte)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Array)
            {
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        private void BindObject(IOperation value, int depth)
        {
            var op = OperationTree.Unwrap(value);
            if (depth < 4 && op is ILocalReferenceOperation local && SingleAssignment.ValueOf(local.Local, op) is { } assigned)
            {
                op = OperationTree.Unwrap(assigned);
            }

            switch (op)
            {
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var init in anonymous.Initializers)
                    {
                        if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                        {
                            Set(property.Property.Name, assignment.Value);
                        }
                    }

                    break;
                case IObjectCreationOperation creation:
                    if (creation.Initializer != null)
                    {
                        foreach (var init in creation.Initializer.Initializers)
                        {
                            if (init is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment)
                            {
                                Set(member.Member.Name, assignment.Value);
                            }
                        }
                    }

                    foreach (var arg in creation.Arguments)
                    {
                        BindObject(arg.Value, depth + 1);
                    }

                    break;
            }
        }

        /// <summary>EF Core's positional parameters (<c>{0}</c>, <c>p0</c>): a <c>params</c> array, an array or a collection expression.</summary>
        private void BindArray(IOperation value)
        {
            var op = OperationTree.Unwrap(value);
            if (op is IArrayCreationOperation { Initializer: { } init })
            {
                for (int i = 0; i < init.ElementValues.Length; i++)
                {
                    Set("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), init.ElementValues[i]);
                }

                return;
            }

            if (op.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax collection && op.SemanticModel is { } model)
            {
                for (int i = 0; i < collection.Elements.Count; i++)
                {
                    if (!(collection.Elements[i] is Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionElementSyntax element))
                    {
                        // A spread: positions after it are not known.
                        return;
                    }

                    if (model.GetOperation(element.Expression, _cancellationToken) is { } elementValue)
                    {
                        Set("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), elementValue);
                    }
                }
            }
        }

        /// <summary>Parameters.AddWithValue("@own", x), Parameters.Add(new XParameter("@own", x)), Add("@own", type).Value = x, DynamicParameters.Add("own", x).</summary>
        private void BindCollectionCalls(IOperation root)
        {
            foreach (var op in root.Descendants())
            {
                switch (op)
                {
                    case IInvocationOperation call when call.TargetMethod.Name is "AddWithValue" or "Add" && call.Arguments.Length >= 2 &&
                                                       call.Arguments[0].Value.ConstantValue.Value is string name &&
                                                       call.Arguments[1].Value.Type?.SpecialType is SpecialType.System_Object or SpecialType.System_String:
                        Set(name, call.Arguments[1].Value);
                        break;
                    case IObjectCreationOperation creation when creation.Arguments.Length >= 2 && creation.Type?.Name.EndsWith("Parameter", StringComparison.Ordinal) == true &&
                                                               creation.Arguments[0].Value.ConstantValue.Value is string parameterName &&
                                                               creation.Arguments[1].Value.Type?.SpecialType is SpecialType.System_Object or SpecialType.System_String:
                        Set(parameterName, creation.Arguments[1].Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Value" }, Instance: IInvocationOperation add } } assignment
                        when add.TargetMethod.Name == "Add" && add.Arguments.Length >= 1 && add.Arguments[0].Value.ConstantValue.Value is string addedName:
                        Set(addedName, assignment.Value);
                        break;
                }
            }
        }
    }
}
