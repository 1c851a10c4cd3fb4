using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Rules;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// The LINQ fixes for RG1001–RG1003, each computed and compile-checked before it is offered:
    /// the filter (or the sanctioned filter method) right after the query source; for <c>Find</c>/<c>FindAsync</c>, the filter
    /// and a key predicate with <c>FirstOrDefault[Async]</c>; for a missing exclusion, the exclusion added to the Where that
    /// already keeps the own retailer; for a non-own value (a choice, never the default), the own value in its place.
    /// </summary>
    internal static class LinqFilterFix
    {
        private const int MaxChainSteps = 64;

        private enum FilterKind
        {
            /// <summary>The own-retailer condition and every exclusion (or the sanctioned filter).</summary>
            Full,

            /// <summary>Only the exclusion the finding names.</summary>
            Exclusion,
        }

        public static async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, PolicyModel policy)
        {
            var cancellationToken = context.CancellationToken;
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null ||
                !diagnostic.Properties.TryGetValue(ReadJudge.CanInsertWhereProperty, out var canInsert) || canInsert != "true" ||
                !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax source) ||
                source.Span != diagnostic.Location.SourceSpan)
            {
                return;
            }

            var entity = FixSupport.ElementType(model, source);
            // A property the policy names but the entity lacks (RG9003) would make the fix not compile: no fix until it is corrected.
            if (entity == null || !policy.TryGetProtected(entity, out var table) || table.HasUnresolvedProperty)
            {
                return;
            }

            var kind = diagnostic.Id == RuleIds.MissingExclusion ? FilterKind.Exclusion : FilterKind.Full;
            var missing = kind == FilterKind.Exclusion ? ExclusionFor(table, diagnostic) : null;
            if (kind == FilterKind.Exclusion && missing == null)
            {
                return;
            }

            var fix = new Fixer(document, model, policy, table, entity, kind, missing, cancellationToken);
            string key = kind == FilterKind.Exclusion ? FixKeys.AddExclusion : FixKeys.AddRetailerFilter;
            string title = Title(policy, entity, table, kind, missing);

            Document? fixedDocument;
            if (FindCall(source, model) is { } find)
            {
                fixedDocument = await fix.RewriteFindAsync(source, find.Call, find.Method).ConfigureAwait(false);
                title += " and look the row up by its key";
            }
            else
            {
                fixedDocument = kind == FilterKind.Exclusion
                    ? await fix.ExtendWhereAsync(source).ConfigureAwait(false) ?? await fix.InsertFilterAsync(source).ConfigureAwait(false)
                    : await fix.InsertFilterAsync(source).ConfigureAwait(false);
            }

            if (fixedDocument != null)
            {
                context.RegisterCodeFix(FixSupport.Action(title, fixedDocument, key), diagnostic);
            }

            if (diagnostic.Id == RuleIds.NotOwnRetailer && fixedDocument != null && await fix.ReplaceValueAsync(source).ConfigureAwait(false) is { } replaced)
            {
                context.RegisterCodeFix(FixSupport.Action(replaced.Title, replaced.Document, FixKeys.UseOwnValue), diagnostic);
            }
        }

        private static string Title(PolicyModel policy, ITypeSymbol entity, ProtectedTable table, FilterKind kind, ResolvedExclusion? missing)
        {
            if (kind == FilterKind.Exclusion)
            {
                return "Exclude " + (missing == null ? "the excluded contracts" : missing.PropertyName + " = " + missing.DisplayValues);
            }

            return policy.SanctionedFilterFor(entity) is { } sanctioned
                ? "Apply the sanctioned filter " + sanctioned.ContainingType.Name + "." + sanctioned.Name
                : "Restrict to the own retailer's contracts";
        }

        private static ResolvedExclusion? ExclusionFor(ProtectedTable table, Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(ReadJudge.ExclusionIndexProperty, out var text) &&
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= 0 && index < table.Exclusions.Length
                ? table.Exclusions[index]
                : null;

        /// <summary><c>source.Find(…)</c> or <c>source.FindAsync(…)</c> on a DbSet, with the method called.</summary>
        private static (InvocationExpressionSyntax Call, IMethodSymbol Method)? FindCall(ExpressionSyntax source, SemanticModel model)
        {
            if (source.Parent is MemberAccessExpressionSyntax access && access.Expression == source &&
                access.Name.Identifier.ValueText is "Find" or "FindAsync" && access.Parent is InvocationExpressionSyntax call &&
                model.GetSymbolInfo(call).Symbol is IMethodSymbol method && method.ContainingType?.OriginalDefinition.ToDisplayString() == "Microsoft.EntityFrameworkCore.DbSet<TEntity>")
            {
                return (call, method);
            }

            return null;
        }

        private static bool IsMember(ExpressionSyntax expression, string parameter, string property) =>
            FixSupport.WithoutParentheses(expression) is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access &&
            target.Identifier.ValueText == parameter && access.Name.Identifier.ValueText == property;

        private sealed class Fixer
        {
            private readonly Document _document;
            private readonly SemanticModel _model;
            private readonly PolicyModel _policy;
            private readonly ProtectedTable _table;
            private readonly ITypeSymbol _entity;
            private readonly FilterKind _kind;
            private readonly ResolvedExclusion? _missing;
            private readonly CancellationToken _cancellationToken;

            public Fixer(Document document, SemanticModel model, PolicyModel policy, ProtectedTable table, ITypeSymbol entity, FilterKind kind, ResolvedExclusion? missing, CancellationToken cancellationToken)
            {
                _document = document;
                _model = model;
                _policy = policy;
                _table = table;
                _entity = entity;
                _kind = kind;
                _missing = missing;
                _cancellationToken = cancellationToken;
            }

            /// <summary><c>source.Where(c =&gt; …)</c> or the sanctioned filter, in place of the source.</summary>
            public async Task<Document?> InsertFilterAsync(ExpressionSyntax source)
            {
                foreach (var (filtered, usings) in Filtered(source))
                {
                    var changed = await FixSupport.ReplaceAsync(_document, source, filtered.WithTriviaFrom(source), usings, _cancellationToken).ConfigureAwait(false);
                    if (await FixSupport.CheckedAsync(_document, changed, _cancellationToken).ConfigureAwait(false) is { } ok)
                    {
                        return ok;
                    }
                }

                return null;
            }

            /// <summary>
            /// <c>set.Find(id)</c> becomes <c>set.Where(filter).FirstOrDefault(c =&gt; c.Id == id)</c> (Find is not a query
            /// operator: it cannot follow a Where). Offered only when the key is known and every key value fits it.
            /// </summary>
            public async Task<Document?> RewriteFindAsync(ExpressionSyntax source, InvocationExpressionSyntax call, IMethodSymbol method)
            {
                if (!(_entity is INamedTypeSymbol named) || !(EntityKeys.Find(named, _model.Compilation, _cancellationToken) is { } keys))
                {
                    return null;
                }

                bool isAsync = method.Name == "FindAsync";
                var values = new List<ExpressionSyntax>();
                ArgumentSyntax? token = null;
                var arguments = call.ArgumentList.Arguments;
                bool arrayForm = method.Parameters.Length > 0 && !method.Parameters[0].IsParams;
                if (arrayForm || (arguments.Count == 1 && _model.GetTypeInfo(arguments[0].Expression, _cancellationToken).Type is IArrayTypeSymbol))
                {
                    if (arguments.Count == 0 || !(Elements(arguments[0].Expression) is { } elements))
                    {
                        return null;
                    }

                    values.AddRange(elements);
                    if (arguments.Count == 2)
                    {
                        token = arguments[1];
                    }
                    else if (arguments.Count > 2)
                    {
                        return null;
                    }
                }
                else
                {
                    values.AddRange(arguments.Select(a => a.Expression));
                }

                if (values.Count != keys.Length || arguments.Any(a => a.RefKindKeyword.RawKind != 0))
                {
                    return null;
                }

                for (int i = 0; i < values.Count; i++)
                {
                    var type = _model.GetTypeInfo(values[i], _cancellationToken).Type;
                    if (type == null || !OwnValues.Comparable(type, keys[i].Type, _model.Compilation) || !FixSupport.FitsExpressionTree(values[i]))
                    {
                        return null;
                    }
                }

                string lookup = isAsync ? "FirstOrDefaultAsync" : "FirstOrDefault";
                var queryable = _model.Compilation.GetTypeByMetadataName("System.Linq.IQueryable`1")?.Construct(_entity);
                if (queryable == null)
                {
                    return null;
                }

                foreach (var (filtered, usings) in Filtered(source))
                {
                    var needed = new List<string>(usings);
                    if (!FixSupport.ExtensionInScope(_model, call.SpanStart, queryable, lookup))
                    {
                        needed.Add(isAsync ? "Microsoft.EntityFrameworkCore" : "System.Linq");
                    }

                    foreach (var k in FixSupport.FreeNames(_model, call.SpanStart, _entity))
                    {
                        var predicate = string.Join(" && ", keys.Select((key, i) => $"{k}.{OwnValues.Escape(key.Name)} == {FixSupport.AsReceiver(values[i].WithoutTrivia()).ToFullString()}"));
                        string lookupArguments = $"{k} => {predicate}" + (token == null ? string.Empty : ", " + token.WithoutTrivia().ToFullString());
                        var replacement = SyntaxFactory.ParseExpression($"{filtered.ToFullString()}.{lookup}({lookupArguments})").WithTriviaFrom(call);
                        var changed = await FixSupport.ReplaceAsync(_document, call, replacement, needed.Distinct(), _cancellationToken).ConfigureAwait(false);
                        if (await FixSupport.CheckedAsync(_document, changed, _cancellationToken).ConfigureAwait(false) is { } ok)
                        {
                            return ok;
                        }
                    }
                }

                return null;
            }

            /// <summary>The elements of <c>new object[] { a, b }</c> or <c>new[] { a }</c>, or null for any other array.</summary>
            private static IReadOnlyList<ExpressionSyntax>? Elements(ExpressionSyntax array) => array switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                _ => null,
            };

            /// <summary>
            /// RG1002: <c>Where(c =&gt; c.Retailer == Own)</c> becomes <c>Where(c =&gt; c.Retailer == Own &amp;&amp; c.Kind != Excluded)</c>, in
            /// the Where (or query <c>where</c> clause) of the chain that already compares the retailer.
            /// </summary>
            public async Task<Document?> ExtendWhereAsync(ExpressionSyntax source)
            {
                foreach (var (condition, parameter) in Conditions(source))
                {
                    if (!FixSupport.Conjuncts(condition).Any(c => c is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.EqualsExpression) &&
                                                        (IsMember(b.Left, parameter, _table.RetailerPropertyName) || IsMember(b.Right, parameter, _table.RetailerPropertyName))))
                    {
                        continue;
                    }

                    var exclusion = FixHints.ExclusionCondition(OwnValues.Escape(parameter), _missing!, _model, condition.SpanStart);
                    if (exclusion == null)
                    {
                        return null;
                    }

                    var left = condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } or
                        ConditionalExpressionSyntax or AssignmentExpressionSyntax or AnonymousFunctionExpressionSyntax
                        ? "(" + condition.WithoutTrivia().ToFullString() + ")"
                        : condition.WithoutTrivia().ToFullString();
                    var extended = SyntaxFactory.ParseExpression(left + " && " + exclusion).WithTriviaFrom(condition);
                    var changed = await FixSupport.ReplaceAsync(_document, condition, extended, Enumerable.Empty<string>(), _cancellationToken).ConfigureAwait(false);
                    return await FixSupport.CheckedAsync(_document, changed, _cancellationToken).ConfigureAwait(false);
                }

                return null;
            }

            /// <summary>
            /// RG1003, as a choice: the one value the chain compares the retailer with that is not own, replaced by an own
            /// value of the right type reachable there.
            /// </summary>
            public async Task<(string Title, Document Document)?> ReplaceValueAsync(ExpressionSyntax source)
            {
                ExpressionSyntax? found = null;
                foreach (var (condition, parameter) in Conditions(source))
                {
                    int mentions = condition.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Count(m => IsMember(m, parameter, _table.RetailerPropertyName));
                    foreach (var conjunct in FixSupport.Conjuncts(condition))
                    {
                        if (!(conjunct is BinaryExpressionSyntax b) || !b.IsKind(SyntaxKind.EqualsExpression))
                        {
                            continue;
                        }

                        var value = IsMember(b.Left, parameter, _table.RetailerPropertyName) ? b.Right
                                  : IsMember(b.Right, parameter, _table.RetailerPropertyName) ? b.Left
                                  : null;
                        if (value == null)
                        {
                            continue;
                        }

                        if (found != null || mentions != 1 || IsOwn(value))
                        {
                            return null;
                        }

                        found = value;
                    }
                }

                if (found == null || !(OwnValues.Find(_policy, _table.RetailerProperty?.Type, _model, found.SpanStart, _cancellationToken) is { } own))
                {
                    return null;
                }

                var replacement = SyntaxFactory.ParseExpression(own.Code).WithTriviaFrom(found);
                var changed = await FixSupport.ReplaceAsync(_document, found, replacement, Enumerable.Empty<string>(), _cancellationToken).ConfigureAwait(false);
                return await FixSupport.CheckedAsync(_document, changed, _cancellationToken).ConfigureAwait(false) is { } ok
                    ? ("Compare with " + own.Code + " instead of '" + found.WithoutTrivia() + "'", ok)
                    : ((string, Document)?)null;
            }

            private bool IsOwn(ExpressionSyntax value)
            {
                var symbol = _model.GetSymbolInfo(value, _cancellationToken).Symbol;
                if (symbol != null && _policy.IsOwnSymbol(symbol))
                {
                    return true;
                }

                var constant = _model.GetConstantValue(value, _cancellationToken);
                return constant.HasValue && constant.Value != null &&
                       _policy.OwnCodes.Contains(System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            }

            /// <summary>
            /// The conditions applied to the source before anything changes its shape: the bodies of single-parameter Where
            /// lambdas on the chain above it, or the where clauses of the query expression it starts, with the parameter name.
            /// </summary>
            private IEnumerable<(ExpressionSyntax Condition, string Parameter)> Conditions(ExpressionSyntax source)
            {
                if (source.Parent is FromClauseSyntax from && from.Parent is QueryExpressionSyntax query && query.FromClause == from)
                {
                    foreach (var clause in query.Body.Clauses)
                    {
                        if (clause is WhereClauseSyntax where)
                        {
                            yield return (where.Condition, from.Identifier.ValueText);
                        }
                        else if (!(clause is OrderByClauseSyntax))
                        {
                            yield break;
                        }
                    }

                    yield break;
                }

                ExpressionSyntax node = source;
                for (int step = 0; step < MaxChainSteps; step++)
                {
                    if (!(node.Parent is MemberAccessExpressionSyntax access) || access.Expression != node || !(access.Parent is InvocationExpressionSyntax call))
                    {
                        yield break;
                    }

                    // Only operators that keep the entity's rows as rows of a query: anything else ends the search.
                    var type = _model.GetTypeInfo(call, _cancellationToken).Type as INamedTypeSymbol;
                    if (type == null || !type.AllInterfaces.Concat(new[] { type }).Any(i => i.Name == "IQueryable" && i.TypeArguments.Length == 1 &&
                                                                                          SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], _entity)))
                    {
                        yield break;
                    }

                    if (access.Name.Identifier.ValueText == "Where" && call.ArgumentList.Arguments.Count == 1)
                    {
                        switch (call.ArgumentList.Arguments[0].Expression)
                        {
                            case SimpleLambdaExpressionSyntax { Body: ExpressionSyntax body } simple:
                                yield return (body, simple.Parameter.Identifier.ValueText);
                                break;
                            case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, Body: ExpressionSyntax body } parenthesized:
                                yield return (body, parenthesized.ParameterList.Parameters[0].Identifier.ValueText);
                                break;
                        }
                    }

                    node = call;
                }
            }

            /// <summary>The filtered source, for each lambda parameter name worth trying, with the usings it needs.</summary>
            private IEnumerable<(ExpressionSyntax Filtered, List<string> Usings)> Filtered(ExpressionSyntax source)
            {
                var receiver = FixSupport.AsReceiver(source.WithoutTrivia());
                var sourceType = _model.GetTypeInfo(source, _cancellationToken).Type;
                if (_kind == FilterKind.Full && _policy.SanctionedFilterFor(_entity) is { } sanctioned)
                {
                    if (sanctioned.IsExtensionMethod)
                    {
                        var usings = new List<string>();
                        if (sourceType == null || !FixSupport.ExtensionInScope(_model, source.SpanStart, sourceType, sanctioned.Name))
                        {
                            usings.Add(sanctioned.ContainingNamespace.ToDisplayString());
                        }

                        yield return (SyntaxFactory.ParseExpression(receiver.ToFullString() + "." + OwnValues.Escape(sanctioned.Name) + "()"), usings);
                    }
                    else
                    {
                        string owner = sanctioned.ContainingType.ToMinimalDisplayString(_model, source.SpanStart);
                        yield return (SyntaxFactory.ParseExpression(owner + "." + OwnValues.Escape(sanctioned.Name) + "(" + source.WithoutTrivia().ToFullString() + ")"), new List<string>());
                    }

                    yield break;
                }

                var linq = new List<string>();
                if (sourceType == null || !FixSupport.ExtensionInScope(_model, source.SpanStart, sourceType, "Where"))
                {
                    linq.Add("System.Linq");
                }

                foreach (var p in FixSupport.FreeNames(_model, source.SpanStart, _entity))
                {
                    var condition = Condition(p, source.SpanStart);
                    if (condition == null)
                    {
                        yield break;
                    }

                    yield return (SyntaxFactory.ParseExpression($"{receiver.ToFullString()}.Where({p} => {condition})"), linq);
                }
            }

            /// <summary>The filter's condition on parameter <paramref name="p"/>, or null when an own value or an excluded value cannot be written here.</summary>
            private string? Condition(string p, int position)
            {
                var parts = new List<string>();
                if (_kind == FilterKind.Full)
                {
                    if (!(OwnValues.Find(_policy, _table.RetailerProperty?.Type, _model, position, _cancellationToken) is { } own))
                    {
                        return null;
                    }

                    parts.Add($"{p}.{OwnValues.Escape(_table.RetailerPropertyName)} == {own.Code}");
                    foreach (var exclusion in _table.Exclusions)
                    {
                        if (!(FixHints.ExclusionCondition(p, exclusion, _model, position) is { } excluded))
                        {
                            return null;
                        }

                        parts.Add(excluded);
                    }
                }
                else if (FixHints.ExclusionCondition(p, _missing!, _model, position) is { } excluded)
                {
                    parts.Add(excluded);
                }

                return parts.Count == 0 ? null : string.Join(" && ", parts);
            }
        }
    }
}
