using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;

namespace RetailGuard.Flow
{
    /// <summary>Who can reach a member: code of one type (<see cref="Private"/>), of this assembly, or of any assembly.</summary>
    internal enum Reach
    {
        Private,
        Internal,
        External,
    }

    /// <summary>The calls of a method, constructor, local function or lambda, or why not all of them can be known.</summary>
    internal sealed class CallSiteSet
    {
        private CallSiteSet(ImmutableArray<IOperation> calls, string? failure)
        {
            Calls = calls;
            Failure = failure;
        }

        /// <summary>Invocations, constructions and constructor initializers that run the callee, with their arguments.</summary>
        public ImmutableArray<IOperation> Calls { get; }

        /// <summary>Why the calls cannot all be known (a reason phrase taking the subject as {0}); null when <see cref="Calls"/> is all of them.</summary>
        public string? Failure { get; }

        /// <summary>For <see cref="Failure"/>: the phrase's second argument, where it has one.</summary>
        public string FailureArgument { get; private set; } = string.Empty;

        public static CallSiteSet Of(ImmutableArray<IOperation> calls) => new CallSiteSet(calls, null);

        public static CallSiteSet Fail(string key, string argument = "") => new CallSiteSet(ImmutableArray<IOperation>.Empty, key) { FailureArgument = argument };
    }

    /// <summary>
    /// Finds, once per compilation and on demand, the places that call a method or write a member. A name is looked for once:
    /// the source text of each tree is searched for it first (a tree that does not contain it is never walked), and every
    /// occurrence found is bound once and filed under the symbol it refers to, so each later question about a member with that
    /// name costs only its own occurrences. A private member is searched for in its type only. Every search is bounded: past
    /// <see cref="MaxSites"/> calls of one callee, or <see cref="MaxNameUses"/> uses of one name, the member is not proven.
    /// </summary>
    internal sealed class CallSites
    {
        /// <summary>Most calls of one callee (or writes of one member) a proof looks at.</summary>
        public const int MaxSites = 32;

        /// <summary>Most occurrences of one name in the compilation that are bound and filed.</summary>
        public const int MaxNameUses = 20000;

        /// <summary>Most occurrences of a name looked at inside one type, for a private member.</summary>
        private const int MaxOccurrences = 2048;

        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<string, ImmutableArray<SyntaxTree>> _treesByWord = new ConcurrentDictionary<string, ImmutableArray<SyntaxTree>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<NameUses>> _uses = new ConcurrentDictionary<string, Lazy<NameUses>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<IMethodSymbol, CallSiteSet> _calls = new ConcurrentDictionary<IMethodSymbol, CallSiteSet>(SymbolEqualityComparer.Default);
        private Lazy<Dictionary<IMethodSymbol, List<SyntaxNode>>>? _implicitCreations;
        private NameFilter? _filter;
        private bool? _friends;
        private string _friendNames = string.Empty;

        public CallSites(AnalysisContext context) => _context = context;

        /// <summary>
        /// Who can reach <paramref name="symbol"/>: <paramref name="domain"/> is the type whose code alone can, for
        /// <see cref="Reach.Private"/>. Protected members of sealed types count as private; of others, as external.
        /// </summary>
        public static Reach ReachOf(ISymbol symbol, out INamedTypeSymbol? domain)
        {
            domain = null;
            var reach = Reach.External;
            for (ISymbol? s = symbol; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
                {
                    continue;
                }

                var containing = s.ContainingType;
                switch (s.DeclaredAccessibility)
                {
                    case Accessibility.Private:
                        if (reach != Reach.Private)
                        {
                            reach = Reach.Private;
                            domain = containing ?? s as INamedTypeSymbol;
                        }

                        break;
                    case Accessibility.Protected:
                    case Accessibility.ProtectedOrInternal:
                        if (containing != null && (containing.IsSealed || containing.IsStatic) && reach != Reach.Private)
                        {
                            if (s.DeclaredAccessibility == Accessibility.Protected)
                            {
                                reach = Reach.Private;
                                domain = containing;
                            }
                            else if (reach == Reach.External)
                            {
                                reach = Reach.Internal;
                            }
                        }

                        break;
                    case Accessibility.Internal:
                    case Accessibility.ProtectedAndInternal:
                        if (reach == Reach.External)
                        {
                            reach = Reach.Internal;
                        }

                        break;
                }
            }

            return reach;
        }

        /// <summary>True when the assembly gives other assemblies its internals (InternalsVisibleTo); <paramref name="names"/> lists them.</summary>
        public bool HasFriends(out string names)
        {
            if (_friends == null)
            {
                var list = new List<string>();
                foreach (var attribute in _context.Compilation.Assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "InternalsVisibleToAttribute" && attribute.ConstructorArguments.Length == 1 &&
                        attribute.ConstructorArguments[0].Value is string friend)
                    {
                        int comma = friend.IndexOf(',');
                        list.Add(comma < 0 ? friend : friend.Substring(0, comma));
                    }
                }

                _friendNames = string.Join(", ", list);
                _friends = list.Count > 0;
            }

            names = _friendNames;
            return _friends.Value;
        }

        /// <summary>
        /// Every call of an ordinary method or a constructor of this compilation. Fails for a method other assemblies can call,
        /// one that overrides or implements another (its callers call that one), one used as a delegate, the entry point, and
        /// past the bounds.
        /// </summary>
        public CallSiteSet OfMethod(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = Normal(method);
            if (_calls.TryGetValue(method, out var known))
            {
                return known;
            }

            var result = FindCalls(method, cancellationToken);
            _calls.TryAdd(method, result);
            return result;
        }

        private CallSiteSet FindCalls(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (!_context.IsInSource(method))
            {
                return CallSiteSet.Fail("ProofOtherAssembly", method.ContainingAssembly?.Name ?? "?");
            }

            IMethodSymbol? implemented = null;
            if (method.IsOverride || method.IsAbstract || IsInterfaceImplementation(method, out implemented))
            {
                string through = implemented != null ? implemented.ContainingType.Name + "." + implemented.Name : method.OverriddenMethod?.ContainingType.Name + "." + method.Name;
                return CallSiteSet.Fail("ProofImplements", through);
            }

            if (SymbolEqualityComparer.Default.Equals(method, _context.Compilation.GetEntryPoint(cancellationToken)))
            {
                return CallSiteSet.Fail("ProofPublic");
            }

            var reach = ReachOf(method, out var domain);
            if (method.MethodKind == MethodKind.Constructor && method.ContainingType.IsAbstract && reach == Reach.External)
            {
                // Only derived types call it; they may be declared in other assemblies.
                return CallSiteSet.Fail("ProofPublic");
            }

            if (reach == Reach.External)
            {
                return CallSiteSet.Fail("ProofPublic");
            }

            if (reach == Reach.Internal && HasFriends(out string friends))
            {
                return CallSiteSet.Fail("ProofFriend", friends);
            }

            var calls = ImmutableArray.CreateBuilder<IOperation>();
            string argument = string.Empty;
            string? failure = method.MethodKind == MethodKind.Constructor
                ? FindConstructions(method, reach, domain, calls, cancellationToken)
                : FindInvocations(method, reach, domain, calls, cancellationToken, out argument);
            if (failure != null)
            {
                return CallSiteSet.Fail(failure, failure == "ProofTooManyCalls" ? MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture) : argument);
            }

            return calls.Count == 0 ? CallSiteSet.Fail("ProofNoCalls") : CallSiteSet.Of(calls.ToImmutable());
        }

        /// <summary>The calls of a local function: it is visible only in the body that declares it.</summary>
        public CallSiteSet OfLocalFunction(IMethodSymbol function, IOperation anyOperationInBody, CancellationToken cancellationToken)
        {
            var root = OperationTree.Root(anyOperationInBody);
            var calls = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var op in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (op)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, function.OriginalDefinition):
                        if (calls.Count == MaxSites)
                        {
                            return CallSiteSet.Fail("ProofTooManyCalls", MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }

                        calls.Add(call);
                        break;
                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, function.OriginalDefinition):
                        return CallSiteSet.Fail("ProofDelegate", ProofText.At(reference.Syntax));
                }
            }

            return calls.Count == 0 ? CallSiteSet.Fail("ProofNoCalls") : CallSiteSet.Of(calls.ToImmutable());
        }

        /// <summary>
        /// The references to <paramref name="symbol"/> (a field, property or parameter) in the code that can reach it: its type
        /// for a private member, the whole compilation otherwise; null when there are too many to check.
        /// </summary>
        public List<IOperation>? References(ISymbol symbol, CancellationToken cancellationToken)
        {
            INamedTypeSymbol? domain;
            if (symbol is IParameterSymbol parameter)
            {
                // A captured primary-constructor parameter: only the members of its type see it.
                domain = parameter.ContainingType;
            }
            else if (ReachOf(symbol, out domain) != Reach.Private)
            {
                domain = null;
            }

            var names = Occurrences(symbol, domain, cancellationToken);
            if (names == null)
            {
                return null;
            }

            var found = new List<IOperation>();
            foreach (var name in names)
            {
                var expression = ExpressionOf(name);
                var model = _context.ModelFor(expression.SyntaxTree);
                var operation = model.GetOperation(expression, cancellationToken);
                if (operation != null && Refers(operation, symbol))
                {
                    found.Add(operation);
                }
            }

            return found;
        }

        /// <summary>True when <paramref name="operation"/> refers to <paramref name="symbol"/> (a field, property, parameter or method).</summary>
        public static bool Refers(IOperation operation, ISymbol symbol)
        {
            ISymbol? referenced = operation switch
            {
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation p => p.Property,
                IParameterReferenceOperation p => p.Parameter,
                IMethodReferenceOperation m => m.Method,
                ILocalReferenceOperation l => l.Local,
                IEventReferenceOperation e => e.Event,
                _ => null,
            };

            return referenced != null && SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, symbol.OriginalDefinition);
        }

        private static IMethodSymbol Normal(IMethodSymbol method) => (method.ReducedFrom ?? method.PartialDefinitionPart ?? method).OriginalDefinition;

        private static bool IsInterfaceImplementation(IMethodSymbol method, out IMethodSymbol? implemented)
        {
            implemented = null;
            if (!method.ExplicitInterfaceImplementations.IsEmpty)
            {
                implemented = method.ExplicitInterfaceImplementations[0];
                return true;
            }

            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.ContainingType == null)
            {
                return false;
            }

            foreach (var i in method.ContainingType.AllInterfaces)
            {
                foreach (var member in i.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate &&
                        SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method))
                    {
                        implemented = candidate;
                        return true;
                    }
                }
            }

            return false;
        }

        private string? FindInvocations(IMethodSymbol method, Reach reach, INamedTypeSymbol? domain, ImmutableArray<IOperation>.Builder calls, CancellationToken cancellationToken, out string argument)
        {
            argument = string.Empty;
            var names = Occurrences(method, reach == Reach.Private ? domain : null, cancellationToken);
            if (names == null)
            {
                return "ProofTooManyCalls";
            }

            foreach (var name in names)
            {
                var expression = ExpressionOf(name);
                var model = _context.ModelFor(expression.SyntaxTree);
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call)
                    {
                        if (SymbolEqualityComparer.Default.Equals(Normal(call.TargetMethod), method))
                        {
                            if (calls.Count == MaxSites)
                            {
                                return "ProofTooManyCalls";
                            }

                            calls.Add(call);
                        }

                        continue;
                    }

                    if (model.GetOperation(invocation, cancellationToken) is INameOfOperation)
                    {
                        continue;
                    }
                }

                if (InNameof(name))
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(name, cancellationToken);
                if (symbol.Symbol is IMethodSymbol used && SymbolEqualityComparer.Default.Equals(Normal(used), method))
                {
                    argument = ProofText.At(name);
                    return "ProofDelegate";
                }

                foreach (var candidate in symbol.CandidateSymbols)
                {
                    if (candidate is IMethodSymbol c && SymbolEqualityComparer.Default.Equals(Normal(c), method))
                    {
                        argument = ProofText.At(name);
                        return "ProofDelegate";
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The constructions of a type that run <paramref name="constructor"/>: <c>new T(…)</c> (also through a using alias),
        /// target-typed <c>new(…)</c>, and the constructor initializers and primary-constructor base calls of <c>T</c> and of the
        /// types derived from it.
        /// </summary>
        private string? FindConstructions(IMethodSymbol constructor, Reach reach, INamedTypeSymbol? domain, ImmutableArray<IOperation>.Builder calls, CancellationToken cancellationToken)
        {
            var type = constructor.ContainingType.OriginalDefinition;
            var candidates = new List<SyntaxNode>();
            if (reach == Reach.Private && domain != null)
            {
                foreach (var reference in domain.DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (node is BaseObjectCreationExpressionSyntax || node is ConstructorInitializerSyntax || node is PrimaryConstructorBaseTypeSyntax)
                        {
                            candidates.Add(node);
                        }
                    }
                }
            }
            else
            {
                // new T(…), new Alias(…) and class D(…) : T(…): the uses of the type's name (and of its aliases).
                var names = Occurrences(type, null, cancellationToken);
                if (names == null)
                {
                    return "ProofTooManyCalls";
                }

                var all = new List<SimpleNameSyntax>(names);
                foreach (var name in names)
                {
                    if (name.FirstAncestorOrSelf<UsingDirectiveSyntax>() is { Alias: { } alias } &&
                        Occurrences(type, null, cancellationToken, alias.Name.Identifier.ValueText) is { } aliased)
                    {
                        all.AddRange(aliased);
                    }
                }

                foreach (var name in all)
                {
                    var holder = name.Parent;
                    while (holder is QualifiedNameSyntax || holder is AliasQualifiedNameSyntax || holder is GenericNameSyntax || holder is TypeArgumentListSyntax)
                    {
                        holder = holder.Parent;
                    }

                    if (holder is ObjectCreationExpressionSyntax || holder is PrimaryConstructorBaseTypeSyntax)
                    {
                        candidates.Add(holder);
                    }
                }

                if (ImplicitCreations(cancellationToken).TryGetValue(constructor.OriginalDefinition, out var implicitCreations))
                {
                    candidates.AddRange(implicitCreations);
                }

                // this(…) in the type's own constructors.
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    AddInitializers(reference.GetSyntax(cancellationToken), candidates);
                }
            }

            // base(…) in the constructors of derived types.
            foreach (var derived in _context.Implementations.DirectlyBelow(type))
            {
                foreach (var reference in derived.DeclaringSyntaxReferences)
                {
                    AddInitializers(reference.GetSyntax(cancellationToken), candidates);
                }
            }

            var seen = new HashSet<SyntaxNode>();
            foreach (var call in candidates)
            {
                if (!seen.Add(call) || !_context.Compilation.ContainsSyntaxTree(call.SyntaxTree))
                {
                    continue;
                }

                var model = _context.ModelFor(call.SyntaxTree);
                if (!(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol target) ||
                    !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, constructor.OriginalDefinition))
                {
                    continue;
                }

                var operation = OperationOf(call, model, cancellationToken);
                if (operation == null || calls.Count == MaxSites)
                {
                    return "ProofTooManyCalls";
                }

                calls.Add(operation);
            }

            return null;
        }

        private static void AddInitializers(SyntaxNode declaration, List<SyntaxNode> into)
        {
            if (!(declaration is TypeDeclarationSyntax type))
            {
                return;
            }

            foreach (var member in type.Members)
            {
                if (member is ConstructorDeclarationSyntax { Initializer: { } initializer })
                {
                    into.Add(initializer);
                }
            }

            if (type.BaseList != null)
            {
                foreach (var baseType in type.BaseList.Types)
                {
                    if (baseType is PrimaryConstructorBaseTypeSyntax primary)
                    {
                        into.Add(primary);
                    }
                }
            }
        }

        /// <summary>Every target-typed <c>new(…)</c> of the compilation, by the constructor it runs; found and bound once.</summary>
        private Dictionary<IMethodSymbol, List<SyntaxNode>> ImplicitCreations(CancellationToken cancellationToken)
        {
            var lazy = System.Threading.LazyInitializer.EnsureInitialized(ref _implicitCreations, () => new Lazy<Dictionary<IMethodSymbol, List<SyntaxNode>>>(
                () => FindImplicitCreations(cancellationToken), LazyThreadSafetyMode.PublicationOnly))!;
            return lazy.Value;
        }

        private Dictionary<IMethodSymbol, List<SyntaxNode>> FindImplicitCreations(CancellationToken cancellationToken)
        {
            var result = new Dictionary<IMethodSymbol, List<SyntaxNode>>(SymbolEqualityComparer.Default);
            foreach (var tree in TreesContaining(ImplicitNew, cancellationToken))
            {
                var model = _context.ModelFor(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is ImplicitObjectCreationExpressionSyntax creation && model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol constructor)
                    {
                        var key = constructor.OriginalDefinition;
                        if (!result.TryGetValue(key, out var list))
                        {
                            list = new List<SyntaxNode>();
                            result.Add(key, list);
                        }

                        list.Add(creation);
                    }
                }
            }

            return result;
        }

        private static IOperation? OperationOf(SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (call)
            {
                case PrimaryConstructorBaseTypeSyntax primaryBase:
                    {
                        // The base call of a primary constructor belongs to the derived type's declaration.
                        var declaration = primaryBase.Parent?.Parent;
                        if (declaration != null && model.GetOperation(declaration, cancellationToken) is { } body)
                        {
                            foreach (var op in body.DescendantsAndSelf())
                            {
                                if (op is IInvocationOperation { Syntax: var syntax } invocation && syntax == primaryBase)
                                {
                                    return invocation;
                                }
                            }
                        }

                        return model.GetOperation(primaryBase, cancellationToken);
                    }

                default:
                    {
                        var op = model.GetOperation(call, cancellationToken);
                        if (op is IExpressionStatementOperation statement)
                        {
                            op = statement.Operation;
                        }

                        return op is IInvocationOperation || op is IObjectCreationOperation ? op : null;
                    }
            }
        }

        private static bool NameMatches(TypeSyntax type, string name) => type switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText == name,
            GenericNameSyntax generic => generic.Identifier.ValueText == name,
            QualifiedNameSyntax qualified => NameMatches(qualified.Right, name),
            AliasQualifiedNameSyntax alias => NameMatches(alias.Name, name),
            _ => false,
        };

        private static bool IsAlias(TypeSyntax type, SemanticModel model, CancellationToken cancellationToken) =>
            type is IdentifierNameSyntax id && model.GetAliasInfo(id, cancellationToken) != null;

        /// <summary>The expression a name stands for: the member access or binding it ends, or the name itself.</summary>
        private static ExpressionSyntax ExpressionOf(SimpleNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => name,
        };

        private static bool InNameof(SyntaxNode node)
        {
            for (var n = node.Parent; n != null && !(n is StatementSyntax) && !(n is MemberDeclarationSyntax); n = n.Parent)
            {
                if (n is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The simple names that may refer to <paramref name="symbol"/> (spelled <paramref name="word"/>, its name by default):
        /// every such name in the code of <paramref name="domain"/> (all its partial declarations), or, in the whole compilation,
        /// the ones that bind to the symbol; null when there are too many to check.
        /// </summary>
        private IReadOnlyList<SimpleNameSyntax>? Occurrences(ISymbol symbol, INamedTypeSymbol? domain, CancellationToken cancellationToken, string? word = null)
        {
            word ??= symbol.Name;
            if (domain != null)
            {
                var found = new List<SimpleNameSyntax>();
                foreach (var reference in domain.DeclaringSyntaxReferences)
                {
                    foreach (var name in NamesIn(reference.GetSyntax(cancellationToken), word, cancellationToken))
                    {
                        if (found.Count == MaxOccurrences)
                        {
                            return null;
                        }

                        found.Add(name);
                    }
                }

                return found;
            }

            var uses = (_uses.TryGetValue(word, out var lazy) ? lazy : NewUses(word, cancellationToken)).Value;
            if (uses.TooMany)
            {
                return null;
            }

            return uses.BySymbol.TryGetValue(Key(symbol), out var list) ? list : (IReadOnlyList<SimpleNameSyntax>)Array.Empty<SimpleNameSyntax>();
        }

        /// <summary>The uses of one word, found on first need; racing threads share one search.</summary>
        private Lazy<NameUses> NewUses(string word, CancellationToken cancellationToken) =>
            _uses.GetOrAdd(word, w => new Lazy<NameUses>(() => FileUses(w, cancellationToken), LazyThreadSafetyMode.PublicationOnly));

        /// <summary>The uses of one name in the compilation, each bound once and filed under what it refers to.</summary>
        private sealed class NameUses
        {
            public Dictionary<ISymbol, List<SimpleNameSyntax>> BySymbol { get; } = new Dictionary<ISymbol, List<SimpleNameSyntax>>(SymbolEqualityComparer.Default);

            public bool TooMany { get; set; }
        }

        private NameUses FileUses(string word, CancellationToken cancellationToken)
        {
            var uses = new NameUses();
            int count = 0;
            foreach (var tree in TreesContaining(word, cancellationToken))
            {
                var model = _context.ModelFor(tree);
                foreach (var name in NamesIn(tree.GetRoot(cancellationToken), word, cancellationToken))
                {
                    if (++count > MaxNameUses)
                    {
                        uses.TooMany = true;
                        return uses;
                    }

                    var info = model.GetSymbolInfo(name, cancellationToken);
                    if (info.Symbol != null)
                    {
                        File(uses, info.Symbol, name);
                    }

                    foreach (var candidate in info.CandidateSymbols)
                    {
                        File(uses, candidate, name);
                    }
                }
            }

            return uses;
        }

        private static void File(NameUses uses, ISymbol symbol, SimpleNameSyntax name)
        {
            var key = Key(symbol);
            if (!uses.BySymbol.TryGetValue(key, out var list))
            {
                list = new List<SimpleNameSyntax>();
                uses.BySymbol.Add(key, list);
            }

            list.Add(name);
        }

        private static ISymbol Key(ISymbol symbol) => symbol switch
        {
            IMethodSymbol method => Normal(method),
            IAliasSymbol alias => alias.Target.OriginalDefinition,
            _ => symbol.OriginalDefinition,
        };

        private static IEnumerable<SimpleNameSyntax> NamesIn(SyntaxNode root, string name, CancellationToken cancellationToken)
        {
            foreach (var token in root.DescendantTokens())
            {
                if (token.RawKind == (int)SyntaxKind.IdentifierToken && token.Parent is SimpleNameSyntax simple && token.ValueText == name)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return simple;
                }
            }
        }

        /// <summary>The trees of the compilation whose text may contain <paramref name="word"/> (see <see cref="NameFilter"/>), remembered per word.</summary>
        private ImmutableArray<SyntaxTree> TreesContaining(string word, CancellationToken cancellationToken)
        {
            if (_treesByWord.TryGetValue(word, out var cached))
            {
                return cached;
            }

            var filter = _filter ?? BuildFilter(cancellationToken);
            var result = word == ImplicitNew ? filter.TreesWithImplicitNew() : filter.TreesWith(word);
            _treesByWord.TryAdd(word, result);
            return result;
        }

        private NameFilter BuildFilter(CancellationToken cancellationToken) =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _filter, () => NameFilter.Build(_context.Compilation, cancellationToken))!;

        /// <summary>The key under which trees that may hold a target-typed <c>new(…)</c> are remembered.</summary>
        private const string ImplicitNew = "new (";
    }
}
