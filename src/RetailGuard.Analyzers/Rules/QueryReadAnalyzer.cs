using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Flow;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Rules
{
    /// <summary>
    /// Finds every read of a protected or restricted table in LINQ / EF Core code, follows it to where it runs,
    /// and reports RG1001–RG1006.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class QueryReadAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Inventory.Descriptor,
            RG1001UnfilteredRead.Descriptor,
            RG1002MissingExclusion.Descriptor,
            RG1003NotOwnRetailer.Descriptor,
            RG1004FilteredAfterLoad.Descriptor,
            RG1005QueryFilterBypassed.Descriptor,
            RG1006RestrictedTableRead.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            AnalyzerStart.Register(context, (start, analysis) =>
            {
                // LINQ needs entities and IQueryable: nothing to do in a compilation without them.
                if (!analysis.Policy.HasEntities || analysis.Ef.IQueryable == null)
                {
                    return;
                }

                bool inventory = Inventory.IsEnabled(start.Compilation);

                // One callback per member, with RetailGuard's own walk of its operations: an operation action would cost
                // the driver's bookkeeping for every call and property read of the compilation.
                start.RegisterOperationBlockAction(block => Flow.BlockWalk.Walk(block.OperationBlocks, new BlockReads(analysis, block, inventory), block.CancellationToken));
            });
        }

        /// <summary>Hands the calls, property reads and field reads of one operation block to <see cref="Analyze"/>.</summary>
        private sealed class BlockReads : Flow.IBlockVisitor
        {
            private readonly RetailGuard.AnalysisContext _analysis;
            private readonly OperationBlockAnalysisContext _context;
            private readonly bool _inventory;

            public BlockReads(RetailGuard.AnalysisContext analysis, OperationBlockAnalysisContext context, bool inventory)
            {
                _analysis = analysis;
                _context = context;
                _inventory = inventory;
            }

            public void Visit(IOperation operation)
            {
                if (operation.Kind is OperationKind.PropertyReference or OperationKind.Invocation or OperationKind.FieldReference)
                {
                    Analyze(_analysis, operation, _context, _inventory);
                }
            }
        }

        private static void Analyze(RetailGuard.AnalysisContext analysis, IOperation operation, in OperationBlockAnalysisContext context, bool inventory)
        {
            // Most property and field reads are of numbers, strings, flags and objects: never an entity, a navigation, a
            // DbSet or a sequence of entities. (A call is not decided by its type: Find(typeof(T), key) returns object, and
            // a generic callee can read for the entity it is given whatever it returns.)
            if (operation.Kind != OperationKind.Invocation && operation.Type is { } type && KnownTypes.IsBuiltIn(type.SpecialType))
            {
                return;
            }

            if (operation is IInvocationOperation call && call.TargetMethod.Name is "Include" or "ThenInclude")
            {
                AnalyzeInclude(analysis, call, context, inventory ? new List<Diagnostic>() : null);
            }

            if (operation is IPropertyReferenceOperation property && NavigationReads.Check(analysis, property, context.CancellationToken) is { } navigationRead)
            {
                analysis.Report(context, navigationRead);
                return;
            }

            if (operation is IInvocationOperation generic && GenericReads.At(analysis, generic, context.CancellationToken) is { } instantiated)
            {
                AnalyzeInstantiated(analysis, instantiated, context, inventory ? new List<Diagnostic>() : null);
            }

            var source = QuerySource.TryCreate(analysis, operation, 0, context.CancellationToken);
            if (source == null)
            {
                return;
            }

            // The inventory's list is made only for a read: this callback runs for every call and property read.
            var compliant = inventory ? new List<Diagnostic>() : null;
            var verdict = analysis.ReadVerdict(source, context.CancellationToken);
            var found = verdict.Findings;
            if (compliant != null && verdict.Compliant != null)
            {
                compliant.AddRange(verdict.Compliant);
            }

            foreach (var diagnostic in found)
            {
                analysis.Report(context, diagnostic);
            }

            Inventory.ReportCompliant(compliant, found, analysis.Filtered(context.ReportDiagnostic, context.CancellationToken));
        }

        /// <summary>Reads inside a generic callee, judged for the entity this call supplies and reported at the call (one per rule and table).</summary>
        private static void AnalyzeInstantiated(RetailGuard.AnalysisContext analysis, List<QuerySource> sources, in OperationBlockAnalysisContext context, List<Diagnostic>? compliant)
        {
            var reported = new HashSet<string>();
            var found = new List<Diagnostic>();
            foreach (var source in sources)
            {
                foreach (var diagnostic in ReadJudge.JudgeSource(analysis, source, context.CancellationToken, compliant))
                {
                    if (reported.Add(diagnostic.Id + "\u0001" + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        found.Add(diagnostic);
                        analysis.Report(context, diagnostic);
                    }
                }
            }

            Inventory.ReportCompliant(compliant, found, analysis.Filtered(context.ReportDiagnostic, context.CancellationToken));
        }

        /// <summary>Include/ThenInclude of a navigation to a protected entity loads its rows too: they need a filter of their own.</summary>
        private static void AnalyzeInclude(RetailGuard.AnalysisContext analysis, IInvocationOperation call, in OperationBlockAnalysisContext context, List<Diagnostic>? compliant)
        {
            var definition = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(definition.ContainingType?.OriginalDefinition, analysis.Ef.EfQueryableExtensions) || call.Arguments.Length < 2)
            {
                return;
            }

            var lambda = OperationTree.AsLambda(call.Arguments[1].Value);
            var body = lambda == null ? null : OperationTree.LambdaResult(lambda);
            if (body == null)
            {
                return;
            }

            // Filtered include: k => k.Customers.Where(...).OrderBy(...)
            var predicates = ImmutableArray.CreateBuilder<Predicate>();
            var navigation = OperationTree.Unwrap(body);
            var lowering = new LinqLowering(analysis, null, context.CancellationToken);
            while (navigation is IInvocationOperation op && op.Arguments.Length > 0 &&
                   analysis.Ef.IsLinqOperatorType((op.TargetMethod.ReducedFrom ?? op.TargetMethod).ContainingType?.OriginalDefinition))
            {
                if (op.TargetMethod.Name == "Where" && op.Arguments.Length > 1)
                {
                    predicates.Add(lowering.LowerLambda(op.Arguments[1].Value, 0, Shape.Identity));
                }

                navigation = OperationTree.Unwrap(op.Arguments[0].Value);
            }

            var type = navigation.Type;
            ITypeSymbol? entity = null;
            if (analysis.Policy.IsGuarded(type))
            {
                entity = type;
            }
            else if (analysis.Ef.IsSequence(type, out var element))
            {
                entity = element;
            }

            if (entity == null)
            {
                return;
            }

            if (analysis.Policy.TryGetRestricted(entity, out var restricted))
            {
                analysis.Report(context, RG1006RestrictedTableRead.Create(restricted, navigation.Syntax.GetLocation()));
                return;
            }

            if (!analysis.Policy.TryGetProtected(entity, out var table))
            {
                return;
            }

            // The context, any IgnoreQueryFilters, and Where clauses on the navigation come from the chain the Include sits on.
            var navigationPath = lambda!.Symbol.Parameters.Length > 0 ? Shape.PathFrom(navigation, lambda.Symbol.Parameters[0]) : null;
            var navigationShape = navigationPath == null || navigationPath.Length == 0 ? null : Shape.From(ImmutableDictionary<string, string?>.Empty.Add(navigationPath, null));
            ITypeSymbol? contextType = null;
            var state = ChainState.Initial;
            IOperation? receiver = call.Arguments[0].Value;
            for (int guard = 0; receiver != null && guard < 256; guard++)
            {
                receiver = OperationTree.Unwrap(receiver);
                if (analysis.Ef.IsDbSet(receiver.Type, out _))
                {
                    contextType = receiver switch
                    {
                        IPropertyReferenceOperation p => p.Instance?.Type ?? p.Property.ContainingType,
                        IInvocationOperation i => i.Instance?.Type,
                        _ => null,
                    };
                    break;
                }

                if (receiver is IInvocationOperation inner && inner.Arguments.Length > 0)
                {
                    if (inner.TargetMethod.Name == "IgnoreQueryFilters")
                    {
                        state = state.WithBypass(inner, true, ImmutableArray<string>.Empty);
                    }

                    // db.Invoices.Where(i => i.Customer.RetailerCode == Own …).Include(i => i.Customer)
                    if (inner.TargetMethod.Name == "Where" && inner.Arguments.Length > 1 && navigationShape != null &&
                        OperationTree.AsLambda(inner.Arguments[1].Value) is { } where && where.Symbol.Parameters.Length > 0 &&
                        SymbolEqualityComparer.Default.Equals(where.Symbol.Parameters[0].Type, lambda!.Symbol.Parameters[0].Type))
                    {
                        predicates.Add(lowering.LowerLambda(where, 0, navigationShape));
                    }

                    receiver = inner.Instance ?? inner.Arguments[0].Value;
                }
                else
                {
                    break;
                }
            }

            // … and Where clauses above the Include, on the same element: db.Invoices.Include(i => i.Customer).Where(i => i.Customer.RetailerCode == Own …)
            var above = call.Parent;
            for (int guard = 0; guard < 256 && navigationShape != null; guard++)
            {
                while (above is IConversionOperation)
                {
                    above = above.Parent;
                }

                if (!(above is IArgumentOperation { Parent: IInvocationOperation next } argument) || argument.Parameter?.Ordinal != 0 ||
                    !analysis.Ef.IsQueryable(next.Type) || !analysis.Ef.IsLinqOperatorType((next.TargetMethod.ReducedFrom ?? next.TargetMethod).ContainingType?.OriginalDefinition))
                {
                    break;
                }

                if (next.TargetMethod.Name == "Where" && next.Arguments.Length > 1 && OperationTree.AsLambda(next.Arguments[1].Value) is { } where &&
                    where.Symbol.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(where.Symbol.Parameters[0].Type, lambda!.Symbol.Parameters[0].Type))
                {
                    predicates.Add(lowering.LowerLambda(where, 0, navigationShape));
                }

                above = next.Parent;
            }

            foreach (var p in predicates)
            {
                state = state.WithPredicate(p, call);
            }

            if (navigationShape != null)
            {
                state = NavigationReads.WithDependentFilters(analysis, state, contextType, lambda!.Symbol.Parameters[0].Type, navigationShape, navigation, lowering, context.CancellationToken);
            }

            var source = QuerySource.ForNavigation(navigation, entity, contextType);
            var diagnostic = ReadJudge.Judge(analysis, table, source, state, context.CancellationToken, compliant);
            if (diagnostic != null)
            {
                analysis.Report(context, diagnostic);
            }

            Inventory.ReportCompliant(compliant, System.Array.Empty<Diagnostic>(), analysis.Filtered(context.ReportDiagnostic, context.CancellationToken));
        }
    }
}
