using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Rules;

namespace RetailGuard.Sql
{
    /// <summary>One replacement in a C# document: <see cref="Length"/> characters at <see cref="Start"/> become <see cref="Text"/>.</summary>
    internal readonly struct SourceEdit
    {
        public SourceEdit(int start, int length, string text)
        {
            Start = start;
            Length = length;
            Text = text;
        }

        public int Start { get; }

        public int Length { get; }

        public string Text { get; }
    }

    /// <summary>
    /// What the SQL code fixes need, computed where the SQL is understood and handed over in diagnostic properties as
    /// ready-made edits of the C# document: the sanctioned view replacing the whole (schema-qualified, bracketed or quoted)
    /// table name, or the missing condition added to the query block together with the binding of the own-retailer
    /// parameter in the style the call already uses (Dapper's anonymous object or DynamicParameters, ADO.NET
    /// Parameters.AddWithValue or Add(new …Parameter), an EF Core interpolation hole or {n} placeholder). Values are never
    /// interpolated into SQL text except as EF Core parameters. Edits stay inside the member that runs the SQL, in regular,
    /// verbatim, raw and interpolated string literals, escaped for each; where that cannot be done, there is no edit.
    /// </summary>
    internal static class SqlFixInfo
    {
        public const string ViewProperty = "SqlView";
        public const string ViewEditsProperty = "SqlViewEdits";
        public const string EditsProperty = "SqlEdits";

        /// <summary>The C# own value the fix binds to the parameter, for the message's hint.</summary>
        public const string OwnValueProperty = "SqlOwnValue";

        private const char FieldSeparator = '\u001F';
        private const char EditSeparator = '\u001E';
        private const int MaxParameterNames = 32;

        /// <summary>Words that can follow a table name where it has no alias.</summary>
        private static readonly HashSet<string> NotAlias = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON", "ORDER", "GROUP", "HAVING", "UNION", "EXCEPT",
            "INTERSECT", "MINUS", "LIMIT", "OFFSET", "FETCH", "FOR", "WITH", "OPTION", "WINDOW", "RETURNING", "NATURAL", "USING", "SET",
            "VALUES", "SELECT", "INTO", "AND", "OR", "QUALIFY", "TABLESAMPLE", "PIVOT", "UNPIVOT", "APPLY", "STRAIGHT_JOIN", "LATERAL",
            "WHEN", "THEN", "ELSE", "END", "OUTPUT", "DEFAULT", "CONNECT", "START", "PARTITION", "USE", "FORCE", "IGNORE", "LOCK",
        };

        public static ImmutableDictionary<string, string?> Properties(PolicyModel policy, SqlTableRead read, Verdict verdict, SqlText text, SqlSink? sink, bool singleVariant)
        {
            try
            {
                return Compute(policy, read, text, sink, singleVariant);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // The finding matters more than its fix: it is reported without one rather than lost.
                return ImmutableDictionary<string, string?>.Empty;
            }
        }

        private static ImmutableDictionary<string, string?> Compute(PolicyModel policy, SqlTableRead read, SqlText text, SqlSink? sink, bool singleVariant)
        {
            var props = ImmutableDictionary<string, string?>.Empty;
            var table = read.Protected;
            if (table == null || sink == null || !singleVariant || sink.Sql.SemanticModel == null)
            {
                return props;
            }

            // A read inside a procedure, view or function is fixed in its definition, not at the call: a procedure name is no
            // place for a view's name or a condition.
            if (!read.Via.IsEmpty || sink.Command != SqlCommandKind.Text)
            {
                return props;
            }

            var writer = new Writer(policy, text, sink);
            if (writer.Scope == null)
            {
                return props;
            }

            var binding = Binding.For(policy, table, sink, text.Text);
            if (binding != null)
            {
                props = props.Add(OwnValueProperty, binding.OwnValue);
            }

            if (!table.Spec.SanctionedViews.IsEmpty && (read.FixSite != null || read.BulkTarget != null) && ViewEdits(table.Spec.SanctionedViews[0], read, text.Text, writer) is { } viewEdits)
            {
                props = props.Add(ViewProperty, table.Spec.SanctionedViews[0]).Add(ViewEditsProperty, Encode(viewEdits));
            }

            if (read.FixSite != null && ConditionEdits(policy, table, read, read.FixSite, binding, text.Text, writer) is { } edits)
            {
                props = props.Add(EditsProperty, Encode(edits));
            }

            return props;
        }

        /// <summary>The edits that add the missing condition (and bind its parameter), or null.</summary>
        private static List<SourceEdit>? ConditionEdits(PolicyModel policy, ProtectedTable table, SqlTableRead read, SqlFixSite site, Binding? binding, string sql, Writer writer)
        {
            string q = site.Qualifier == null ? string.Empty : QuoteIdentifier(site.Qualifier, policy.Document.SqlDialect) + ".";
            var requirement = Requirement.ForTable(table);
            var applied = new List<Predicate> { read.Predicate };
            var condition = new List<Segment>();
            bool bind = false;
            if (RequirementEvaluator.Evaluate(requirement, read.Predicate).Kind is VerdictKind.MissingFilter or VerdictKind.NotOwn)
            {
                condition.Add(Segment.Sql(q + table.RetailerColumnName + " = "));
                if (binding != null)
                {
                    condition.Add(binding.Placeholder);
                    bind = true;
                }
                else if (FixHints.SqlOwnLiteral(policy) is { } literal)
                {
                    condition.Add(Segment.Sql(literal));
                }
                else
                {
                    return null;
                }

                applied.Add(new ComparePredicate(table.RetailerColumnName, true, Operand.Own));
            }

            // Exclusions until the requirement holds, each once.
            foreach (var exclusion in requirement.Exclusions)
            {
                if (RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(applied.ToImmutableArray())).Kind == VerdictKind.Satisfied)
                {
                    break;
                }

                if (condition.Count > 0)
                {
                    condition.Add(Segment.Sql(" AND "));
                }

                condition.Add(Segment.Sql(FixHints.SqlExclusionCondition(exclusion.Exclusion, q)));
                var values = ImmutableArray.CreateBuilder<Operand>();
                foreach (var v in exclusion.Exclusion.Values)
                {
                    values.Add(Operand.Literal(v));
                }

                applied.Add(new InSetPredicate(exclusion.Column, true, values.ToImmutable()));
            }

            if (condition.Count == 0 || RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(applied.ToImmutableArray())).Kind != VerdictKind.Satisfied)
            {
                return null;
            }

            var sqlEdits = new List<(int Position, List<Segment> Text)>();
            if (site.WhereStart >= 0 && site.WrapWhere)
            {
                sqlEdits.Add((site.WhereStart, new List<Segment> { Segment.Sql("(") }));
                sqlEdits.Add((site.WhereEnd, Prefixed(") AND ", condition)));
            }
            else if (site.WhereStart >= 0)
            {
                sqlEdits.Add((site.WhereEnd, Prefixed(" AND ", condition)));
            }
            else
            {
                sqlEdits.Add((site.FromEnd, Prefixed(" WHERE ", condition)));
            }

            var edits = new List<SourceEdit>();
            foreach (var (position, segments) in sqlEdits)
            {
                if (!(writer.Insert(position, segments) is { } edit))
                {
                    return null;
                }

                edits.Add(edit);
            }

            if (bind)
            {
                edits.AddRange(binding!.Edits);
            }

            return edits;
        }

        private static List<Segment> Prefixed(string prefix, List<Segment> condition)
        {
            var list = new List<Segment> { Segment.Sql(prefix) };
            list.AddRange(condition);
            return list;
        }

        /// <summary>
        /// The edit that reads the sanctioned view instead of the table: a qualified view replaces the whole qualified name,
        /// an unqualified one the table's own name (the schema stays). Where the query qualifies columns with the table's
        /// name and the reference has no alias, the view gets the table's name as its alias.
        /// </summary>
        private static List<SourceEdit>? ViewEdits(string view, SqlTableRead read, string sql, Writer writer)
        {
            if (view.Length == 0 || read.Start < 0 || read.Start + read.Length > sql.Length)
            {
                return null;
            }

            int nameStart = view.IndexOf('.') >= 0 ? QualifiedStart(sql, read.Start) : read.Start;
            int nameEnd = read.Start + read.Length;
            string replacement = view;
            if (!HasAlias(sql, nameEnd) && QualifiesWith(sql, read.Name, nameStart, nameEnd))
            {
                replacement += " " + sql.Substring(read.Start, read.Length);
            }

            return writer.Replace(nameStart, nameEnd - nameStart, new List<Segment> { Segment.Sql(replacement) }) is { } edit ? new List<SourceEdit> { edit } : null;
        }

        /// <summary>The start of the multi-part name whose last part starts at <paramref name="lastPart"/>: <c>db.dbo.[T]</c>.</summary>
        private static int QualifiedStart(string sql, int lastPart)
        {
            int start = lastPart;
            for (int parts = 0; parts < 4; parts++)
            {
                int dot = start - 1;
                if (dot < 1 || sql[dot] != '.')
                {
                    break;
                }

                int end = dot;
                int i = end - 1;
                char close = sql[i];
                if (close == ']' || close == '"' || close == '`')
                {
                    char open = close == ']' ? '[' : close;
                    i = i < 1 ? -1 : sql.LastIndexOf(open, i - 1);
                    if (i < 0)
                    {
                        break;
                    }
                }
                else
                {
                    while (i >= 0 && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$' || sql[i] == '#'))
                    {
                        i--;
                    }

                    i++;
                    if (i >= end)
                    {
                        break;
                    }
                }

                start = i;
            }

            return start;
        }

        /// <summary>True when an alias follows the table name at <paramref name="end"/> (<c>AS x</c> or a bare name).</summary>
        private static bool HasAlias(string sql, int end)
        {
            int i = end;
            while (i < sql.Length && char.IsWhiteSpace(sql[i]))
            {
                i++;
            }

            if (i >= sql.Length)
            {
                return false;
            }

            if (sql[i] == '[' || sql[i] == '"' || sql[i] == '`')
            {
                return true;
            }

            int wordEnd = i;
            while (wordEnd < sql.Length && (char.IsLetterOrDigit(sql[wordEnd]) || sql[wordEnd] == '_'))
            {
                wordEnd++;
            }

            return wordEnd > i && !NotAlias.Contains(sql.Substring(i, wordEnd - i));
        }

        /// <summary>True when some column elsewhere in the text is qualified with the table's name: <c>customers.name</c>.</summary>
        private static bool QualifiesWith(string sql, string name, int nameStart, int nameEnd)
        {
            string last = SqlChecker.LastPart(name);
            for (int i = sql.IndexOf(last, StringComparison.OrdinalIgnoreCase); i >= 0; i = sql.IndexOf(last, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (i >= nameStart && i < nameEnd)
                {
                    continue;
                }

                int after = i + last.Length;
                if (after < sql.Length && (sql[after] == ']' || sql[after] == '"' || sql[after] == '`'))
                {
                    after++;
                }

                bool wordStart = i == 0 || !(char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] == '_');
                if (wordStart && after < sql.Length && sql[after] == '.')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A name as a SQL identifier: as it is when plain, else quoted the dialect's way.</summary>
        private static string QuoteIdentifier(string name, string dialect)
        {
            bool plain = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_');
            foreach (char c in name)
            {
                plain &= char.IsLetterOrDigit(c) || c == '_';
            }

            if (plain && !NotAlias.Contains(name))
            {
                return name;
            }

            return dialect switch
            {
                "tsql" => "[" + name.Replace("]", "]]") + "]",
                "mysql" => "`" + name.Replace("`", "``") + "`",
                _ => "\"" + name.Replace("\"", "\"\"") + "\"",
            };
        }

        public static string Encode(IEnumerable<SourceEdit> edits)
        {
            var encoded = new StringBuilder();
            foreach (var edit in edits)
            {
                encoded.Append(edit.Start.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator)
                    .Append(edit.Length.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator)
                    .Append(edit.Text).Append(EditSeparator);
            }

            return encoded.ToString();
        }

        public static List<SourceEdit>? DecodeEdits(string? encoded)
        {
            if (string.IsNullOrEmpty(encoded))
            {
                return null;
            }

            var edits = new List<SourceEdit>();
            foreach (var edit in encoded!.Split(new[] { EditSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = edit.Split(new[] { FieldSeparator }, 3);
                if (fields.Length != 3 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int start) ||
                    !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int length) || start < 0 || length < 0)
                {
                    return null;
                }

                edits.Add(new SourceEdit(start, length, fields[2]));
            }

            return edits;
        }

        /// <summary>A piece of inserted text: SQL, escaped for the literal it goes into, or C# code for an interpolation hole.</summary>
        internal readonly struct Segment
        {
            private Segment(string text, bool isCode)
            {
                Text = text;
                IsCode = isCode;
            }

            public string Text { get; }

            public bool IsCode { get; }

            public static Segment Sql(string text) => new Segment(text, false);

            public static Segment Hole(string code) => new Segment(code, true);
        }

        /// <summary>How the own-retailer parameter is bound at the sink: the placeholder in SQL, and the C# edits that bind it.</summary>
        private sealed class Binding
        {
            private Binding(string ownValue, Segment placeholder, List<SourceEdit> edits)
            {
                OwnValue = ownValue;
                Placeholder = placeholder;
                Edits = edits;
            }

            public string OwnValue { get; }

            public Segment Placeholder { get; }

            public List<SourceEdit> Edits { get; }

            /// <summary>The binding for the sink's style, or null when the sink has no safe place for one or no own value of the column's type is reachable.</summary>
            public static Binding? For(PolicyModel policy, ProtectedTable table, SqlSink sink, string sql)
            {
                var model = sink.Sql.SemanticModel!;
                var own = OwnValues.Find(policy, table.RetailerProperty?.Type, model, sink.Sql.Syntax.SpanStart, CancellationToken.None);
                if (own?.Symbol == null)
                {
                    return null;
                }

                switch (sink.Kind)
                {
                    case SqlSinkKind.EfCore when sink.HolesAsParameters:
                        return new Binding(own.Code, Segment.Hole(own.Code), new List<SourceEdit>());
                    case SqlSinkKind.EfCore when sink.EfPlaceholders:
                        return EfPlaceholder(sink, own.Code);
                    case SqlSinkKind.Dapper:
                    case SqlSinkKind.AdoNet:
                        string? name = FreeName(sql, sink);
                        if (name == null)
                        {
                            return null;
                        }

                        string prefix = policy.Document.SqlDialect == "oracle" ? ":" : "@";
                        // ODP.NET names parameters without the colon; the other providers take the prefix as written in SQL.
                        var edits = sink.Kind == SqlSinkKind.Dapper ? Dapper(sink, name, own.Code) : AdoNet(sink, prefix == ":" ? name : prefix + name, own.Code);
                        return edits == null ? null : new Binding(own.Code, Segment.Sql(prefix + name), edits);
                    default:
                        return null;
                }
            }

            /// <summary>The parameter name: ownRetailer, unless the SQL or the call already uses it.</summary>
            private static string? FreeName(string sql, SqlSink sink)
            {
                string syntax = (sink.Sql.Parent?.Parent ?? sink.Sql).Syntax.ToString();
                for (int i = 1; i <= MaxParameterNames; i++)
                {
                    string name = FixHints.OwnParameterName + (i == 1 ? string.Empty : i.ToString(CultureInfo.InvariantCulture));
                    if (sql.IndexOf(name, StringComparison.OrdinalIgnoreCase) < 0 && syntax.IndexOf(name, StringComparison.OrdinalIgnoreCase) < 0)
                    {
                        return name;
                    }
                }

                return null;
            }

            /// <summary>EF Core raw SQL with {n} placeholders: the next placeholder, and the value appended to the call's arguments.</summary>
            private static Binding? EfPlaceholder(SqlSink sink, string own)
            {
                if (!(sink.Sql.Parent is IArgumentOperation sqlArgument) || !(sqlArgument.Parent is IInvocationOperation call) ||
                    !(call.Syntax is InvocationExpressionSyntax syntax) || syntax.ArgumentList.Arguments.Any(a => a.NameColon != null))
                {
                    return null;
                }

                int count = 0;
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.IsParams != true)
                    {
                        continue;
                    }

                    if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } init })
                    {
                        foreach (var element in init.ElementValues)
                        {
                            if (IsDbParameter(OperationTree.Unwrap(element).Type))
                            {
                                return null;
                            }
                        }

                        count = init.ElementValues.Length;
                    }
                    else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return null;
                    }
                }

                var last = syntax.ArgumentList.Arguments.Last();
                return new Binding(own, Segment.Sql("{" + count.ToString(CultureInfo.InvariantCulture) + "}"), new List<SourceEdit> { new SourceEdit(last.Span.End, 0, ", " + own) });
            }

            private static bool IsDbParameter(ITypeSymbol? type)
            {
                for (var t = type; t != null; t = t.BaseType)
                {
                    if (t.Name == "DbParameter")
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Dapper: a member of the anonymous param object, <c>new { name = own }</c> when there is none, or DynamicParameters.Add.</summary>
            private static List<SourceEdit>? Dapper(SqlSink sink, string name, string own)
            {
                if (!(sink.Sql.Parent is IArgumentOperation sqlArgument))
                {
                    return null;
                }

                var arguments = sqlArgument.Parent switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };
                var param = arguments.FirstOrDefault(a => a.Parameter?.Name is "param" or "parameters");
                if (param == null)
                {
                    return null;
                }

                if (param.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    // No param object yet: pass one, by name unless it comes right after the SQL.
                    var argumentList = sqlArgument.Syntax.Parent as BaseArgumentListSyntax;
                    if (argumentList == null || !(sqlArgument.Syntax is ArgumentSyntax sqlSyntax))
                    {
                        return null;
                    }

                    var last = argumentList.Arguments.Last();
                    bool positional = last == sqlSyntax && sqlSyntax.NameColon == null &&
                                      param.Parameter!.Ordinal == sqlArgument.Parameter!.Ordinal + 1;
                    string label = positional ? string.Empty : param.Parameter!.Name + ": ";
                    return new List<SourceEdit> { new SourceEdit(last.Span.End, 0, $", {label}new {{ {name} = {own} }}") };
                }

                var value = OperationTree.Unwrap(param.Value);
                if (value is ILocalReferenceOperation local)
                {
                    var assigned = SingleAssignment.ValueOf(local.Local, local);
                    if (assigned != null && OperationTree.Unwrap(assigned) is IAnonymousObjectCreationOperation localAnonymous)
                    {
                        return AddMember(localAnonymous, name, own);
                    }

                    if (local.Type?.Name == "DynamicParameters" && assigned != null)
                    {
                        return AddStatementBefore(sink.Sql.Syntax, $"{local.Local.Name}.Add(\"{name}\", {own});");
                    }

                    return null;
                }

                if (value is IAnonymousObjectCreationOperation anonymous)
                {
                    return AddMember(anonymous, name, own);
                }

                // new DynamicParameters(new { … })
                if (value is IObjectCreationOperation { Type.Name: "DynamicParameters" } dynamicParameters && dynamicParameters.Arguments.Length == 1 &&
                    OperationTree.Unwrap(dynamicParameters.Arguments[0].Value) is IAnonymousObjectCreationOperation template)
                {
                    return AddMember(template, name, own);
                }

                return null;
            }

            private static List<SourceEdit>? AddMember(IAnonymousObjectCreationOperation anonymous, string name, string own)
            {
                if (!(anonymous.Syntax is AnonymousObjectCreationExpressionSyntax syntax))
                {
                    return null;
                }

                return new List<SourceEdit>
                {
                    syntax.Initializers.Count == 0
                        ? new SourceEdit(syntax.CloseBraceToken.SpanStart, 0, $"{name} = {own} ")
                        : new SourceEdit(syntax.Initializers.Last().Span.End, 0, $", {name} = {own}"),
                };
            }

            /// <summary>
            /// ADO.NET: after the statement that sets the command text (or creates the command with it),
            /// <c>cmd.Parameters.AddWithValue("@name", own)</c>, or <c>Add(new XParameter("@name", own))</c> where the
            /// provider's collection has no AddWithValue.
            /// </summary>
            private static List<SourceEdit>? AdoNet(SqlSink sink, string parameterName, string own)
            {
                string? command = null;
                ITypeSymbol? commandType = null;
                IOperation? owner = sink.Sql.Parent;
                if (owner is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } })
                {
                    switch (instance)
                    {
                        case ILocalReferenceOperation local:
                            command = local.Syntax.ToString();
                            commandType = local.Type;
                            break;
                        case IParameterReferenceOperation parameter:
                            command = parameter.Syntax.ToString();
                            commandType = parameter.Type;
                            break;
                        case IInstanceReferenceOperation initializer when owner.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation created } &&
                                                                         created.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation createdDeclarator }:
                            command = createdDeclarator.Symbol.Name;
                            commandType = created.Type;
                            owner = created;
                            break;
                    }
                }
                else if (owner is IArgumentOperation { Parent: IObjectCreationOperation creation } &&
                         creation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    command = declarator.Symbol.Name;
                    commandType = creation.Type;
                    owner = creation;
                }

                ITypeSymbol? parameters = null;
                for (var t = commandType; t != null && parameters == null; t = t.BaseType)
                {
                    parameters = t.GetMembers("Parameters").OfType<IPropertySymbol>().FirstOrDefault()?.Type;
                }

                if (command == null || parameters == null)
                {
                    return null;
                }

                string add;
                if (parameters.GetMembers("AddWithValue").Any())
                {
                    add = $"{command}.Parameters.AddWithValue(\"{parameterName}\", {own});";
                }
                else if (ProviderParameter(commandType!, sink.Sql.SemanticModel!, owner!.Syntax.SpanStart) is { } parameterType)
                {
                    add = $"{command}.Parameters.Add(new {parameterType}(\"{parameterName}\", {own}));";
                }
                else
                {
                    return null;
                }

                return AddStatementAfter(owner!.Syntax, add);
            }

            /// <summary>The provider's parameter type (from the command's CreateParameter) when it has a (string, object) constructor.</summary>
            private static string? ProviderParameter(ITypeSymbol commandType, SemanticModel model, int position)
            {
                for (var t = commandType; t != null; t = t.BaseType)
                {
                    foreach (var method in t.GetMembers("CreateParameter").OfType<IMethodSymbol>())
                    {
                        if (method.Parameters.IsEmpty && method.ReturnType is INamedTypeSymbol parameterType && parameterType.TypeKind == TypeKind.Class &&
                            !parameterType.IsAbstract && parameterType.InstanceConstructors.Any(c =>
                                c.Parameters.Length == 2 && c.Parameters[0].Type.SpecialType == SpecialType.System_String &&
                                c.Parameters[1].Type.SpecialType == SpecialType.System_Object && model.IsAccessible(position, c)))
                        {
                            return parameterType.ToMinimalDisplayString(model, position);
                        }
                    }
                }

                return null;
            }

            private static List<SourceEdit>? AddStatementAfter(SyntaxNode node, string statementText)
            {
                var statement = node.FirstAncestorOrSelf<StatementSyntax>();
                if (statement == null || !(statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax || statement.Parent is GlobalStatementSyntax))
                {
                    // using (var cmd = new XCommand("…")) { … }: the first statement of its block.
                    if (statement is UsingStatementSyntax { Statement: BlockSyntax body } && body.Statements.Count > 0)
                    {
                        return AddStatementBefore(body.Statements[0], statementText, useStatement: true);
                    }

                    return null;
                }

                if (statement is UsingStatementSyntax { Statement: BlockSyntax usingBody } && node.SpanStart < usingBody.SpanStart)
                {
                    return usingBody.Statements.Count > 0 ? AddStatementBefore(usingBody.Statements[0], statementText, useStatement: true) : null;
                }

                string indentation = Indentation(statement);
                return new List<SourceEdit> { new SourceEdit(statement.Span.End, 0, NewLine(statement) + indentation + statementText) };
            }

            private static List<SourceEdit>? AddStatementBefore(SyntaxNode node, string statementText, bool useStatement = false)
            {
                var statement = useStatement ? node as StatementSyntax : node.FirstAncestorOrSelf<StatementSyntax>();
                if (statement == null || !(statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax || statement.Parent is GlobalStatementSyntax))
                {
                    return null;
                }

                return new List<SourceEdit> { new SourceEdit(statement.SpanStart, 0, statementText + NewLine(statement) + Indentation(statement)) };
            }

            private static string Indentation(StatementSyntax statement)
            {
                var whitespace = statement.GetLeadingTrivia().LastOrDefault();
                return whitespace.IsKind(SyntaxKind.WhitespaceTrivia) ? whitespace.ToString() : string.Empty;
            }

            private static string NewLine(SyntaxNode node)
            {
                foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
                {
                    if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                    {
                        return trivia.ToString();
                    }
                }

                return "\n";
            }
        }

        /// <summary>Maps SQL offsets into the C# literals the text came from and writes inserted text the way each literal needs.</summary>
        private sealed class Writer
        {
            private readonly SqlText _text;
            private readonly int[] _starts;

            public Writer(PolicyModel policy, SqlText text, SqlSink sink)
            {
                _text = text;
                _starts = new int[text.Fragments.Length];
                int at = 0;
                for (int i = 0; i < text.Fragments.Length; i++)
                {
                    _starts[i] = at;
                    at += text.Fragments[i].Text.Length;
                }

                Tree = sink.Sql.Syntax.SyntaxTree;
                var member = sink.Sql.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                Scope = member is GlobalStatementSyntax ? member.Parent : member;
                Sink = sink;
            }

            public SyntaxTree Tree { get; }

            /// <summary>Edits stay inside this node: the member that runs the SQL (for top-level statements, the file).</summary>
            public SyntaxNode? Scope { get; }

            public SqlSink Sink { get; }

            public SourceEdit? Insert(int sqlPosition, List<Segment> segments) => Replace(sqlPosition, 0, segments);

            public SourceEdit? Replace(int sqlPosition, int sqlLength, List<Segment> segments)
            {
                if (!Map(sqlPosition, out int start, out var literal) || literal == null || !Map(sqlPosition + sqlLength, out int end, out var endLiteral))
                {
                    return null;
                }

                if (!ReferenceEquals(literal, endLiteral) && sqlLength > 0 && literal is LiteralExpressionSyntax { Token.RawKind: (int)SyntaxKind.StringLiteralToken })
                {
                    // The replaced text ends where the literal does (the next fragment starts there): up to its closing quote.
                    end = literal.Span.End - 1;
                    endLiteral = literal;
                }

                if (!ReferenceEquals(literal, endLiteral) || end < start)
                {
                    return null;
                }

                string? text = Escape(literal, segments, start, end);
                return text == null ? (SourceEdit?)null : new SourceEdit(start, end - start, text);
            }

            /// <summary>The C# position of a SQL offset, and the literal (string or interpolated string expression) it is in.</summary>
            private bool Map(int position, out int sourcePosition, out ExpressionSyntax? literal)
            {
                sourcePosition = -1;
                literal = null;
                if (_text.TryMapExact(position, out var tree, out int at))
                {
                    if (tree != Tree)
                    {
                        return false;
                    }

                    sourcePosition = at;
                    literal = LiteralAt(at);
                    return literal != null && InScope(literal);
                }

                // Raw literals and interpolation holes, which the exact map does not cover.
                for (int i = _text.Fragments.Length - 1; i >= 0; i--)
                {
                    var fragment = _text.Fragments[i];
                    int offset = position - _starts[i];
                    if (offset < 0 || offset > fragment.Text.Length || fragment.Node == null || fragment.Node.SyntaxTree != Tree)
                    {
                        continue;
                    }

                    switch (fragment.Node)
                    {
                        case InterpolationSyntax hole when offset == 0 || offset == fragment.Text.Length:
                            sourcePosition = offset == 0 ? hole.SpanStart : hole.Span.End;
                            literal = hole.Parent as InterpolatedStringExpressionSyntax;
                            break;
                        case LiteralExpressionSyntax raw when raw.Token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || raw.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken):
                            sourcePosition = RawPosition(raw.Token, fragment.Text, offset, skipDelimiter: true);
                            literal = raw;
                            break;
                        case InterpolatedStringTextSyntax rawText when rawText.Parent is InterpolatedStringExpressionSyntax parent && IsRaw(parent.StringStartToken):
                            sourcePosition = RawPosition(rawText.TextToken, fragment.Text, offset, skipDelimiter: false);
                            literal = parent;
                            break;
                        default:
                            continue;
                    }

                    return sourcePosition >= 0 && literal != null && InScope(literal);
                }

                return false;
            }

            private ExpressionSyntax? LiteralAt(int position)
            {
                var token = Tree.GetRoot().FindToken(position);
                foreach (var node in token.Parent!.AncestorsAndSelf())
                {
                    if (node is InterpolatedStringExpressionSyntax || node is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression })
                    {
                        return (ExpressionSyntax)node;
                    }

                    if (node is StatementSyntax || node is MemberDeclarationSyntax)
                    {
                        break;
                    }
                }

                return null;
            }

            /// <summary>
            /// True when the literal is in the member that runs the SQL and, when it initializes a local, that local is read
            /// only once there (an edit must not change SQL another call runs too).
            /// </summary>
            private bool InScope(ExpressionSyntax literal)
            {
                if (Scope == null || !Scope.Span.Contains(literal.Span))
                {
                    return false;
                }

                if (Sink.Sql.Syntax.Span.Contains(literal.Span))
                {
                    return true;
                }

                var declarator = literal.FirstAncestorOrSelf<VariableDeclaratorSyntax>();
                if (declarator == null)
                {
                    return literal.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Left: IdentifierNameSyntax assigned } && ReadCount(assigned.Identifier.ValueText) <= 1;
                }

                return ReadCount(declarator.Identifier.ValueText) <= 1;
            }

            private int ReadCount(string name)
            {
                int reads = 0;
                foreach (var identifier in Scope!.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == name && !(identifier.Parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier))
                    {
                        reads++;
                    }
                }

                return reads;
            }

            /// <summary>The inserted text as the literal needs it: escapes for regular and verbatim strings, doubled braces and holes in interpolated ones.</summary>
            private string? Escape(ExpressionSyntax literal, List<Segment> segments, int start, int end)
            {
                bool interpolated = literal is InterpolatedStringExpressionSyntax;
                string opening = literal is InterpolatedStringExpressionSyntax i ? i.StringStartToken.Text : ((LiteralExpressionSyntax)literal).Token.Text;
                bool raw = opening.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0;
                bool verbatim = !raw && opening.IndexOf('@') >= 0 && opening.IndexOf('@') < opening.IndexOf('"');
                int dollars = interpolated ? opening.TakeWhile(c => c == '$' || c == '@').Count(c => c == '$') : 0;
                var text = new StringBuilder();
                foreach (var segment in segments)
                {
                    if (segment.IsCode)
                    {
                        if (!interpolated)
                        {
                            return null;
                        }

                        int braces = raw ? Math.Max(1, dollars) : 1;
                        text.Append('{', braces).Append(segment.Text).Append('}', braces);
                        continue;
                    }

                    foreach (char c in segment.Text)
                    {
                        if (c == '\r' || c == '\n')
                        {
                            return null;
                        }

                        if ((c == '{' || c == '}') && interpolated)
                        {
                            if (raw)
                            {
                                return null;
                            }

                            text.Append(c).Append(c);
                        }
                        else if (c == '"' && verbatim)
                        {
                            text.Append("\"\"");
                        }
                        else if ((c == '"' || c == '\\') && !verbatim && !raw)
                        {
                            text.Append('\\').Append(c);
                        }
                        else
                        {
                            text.Append(c);
                        }
                    }
                }

                if (raw)
                {
                    // A quote next to the literal's own quotes would end it early or run into its delimiter.
                    string source = Tree.GetText().ToString();
                    string result = text.ToString();
                    if (result.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0 ||
                        (result.EndsWith("\"", StringComparison.Ordinal) && end < source.Length && source[end] == '"') ||
                        (result.StartsWith("\"", StringComparison.Ordinal) && start > 0 && source[start - 1] == '"'))
                    {
                        return null;
                    }
                }

                return text.ToString();
            }

            private static bool IsRaw(SyntaxToken start) => start.Text.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0;

            /// <summary>
            /// The position in a raw literal's source of a character of its value: the value is the source without the
            /// delimiters and the common indentation, so characters are matched in order, skipping source whitespace the value
            /// does not have. Exact next to every non-blank character, which is where fixes insert.
            /// </summary>
            private static int RawPosition(SyntaxToken token, string value, int offset, bool skipDelimiter)
            {
                string source = token.Text;
                int pos = 0;
                int closing = source.Length;
                if (skipDelimiter)
                {
                    while (pos < source.Length && source[pos] == '"')
                    {
                        pos++;
                    }

                    int quotes = pos;
                    closing = source.Length - quotes;
                    if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                    {
                        int newline = source.IndexOf('\n', pos);
                        pos = newline < 0 ? pos : newline + 1;
                    }
                }

                for (int i = 0; i < offset; i++)
                {
                    while (pos < closing && source[pos] != value[i] && char.IsWhiteSpace(source[pos]))
                    {
                        pos++;
                    }

                    if (pos >= closing || source[pos] != value[i])
                    {
                        return -1;
                    }

                    pos++;
                }

                if (offset < value.Length)
                {
                    while (pos < closing && source[pos] != value[offset] && char.IsWhiteSpace(source[pos]))
                    {
                        pos++;
                    }
                }
                else if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && skipDelimiter)
                {
                    // The end of the value is the end of its last line, before the line break that precedes the delimiter.
                    int lineBreak = source.LastIndexOf('\n', closing - 1);
                    pos = lineBreak > 0 && source[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
                }

                return pos < 0 || pos > closing ? -1 : token.SpanStart + pos;
            }
        }
    }
}
