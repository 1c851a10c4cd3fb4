using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Predicates
{
    internal enum OperandKind
    {
        /// <summary>An own-retailer value: a code from the policy, or an own symbol.</summary>
        Own,

        /// <summary>A known constant value that is not own.</summary>
        Literal,

        /// <summary>A value bound at run time (a method parameter, a SQL parameter not bound to an own value).</summary>
        Parameter,

        /// <summary>SQL NULL or C# null.</summary>
        Null,

        /// <summary>Anything else: another column, a call, an expression RetailGuard cannot evaluate.</summary>
        Unknown,
    }

    /// <summary>The value side of a comparison.</summary>
    internal sealed class Operand
    {
        public static readonly Operand Own = new Operand(OperandKind.Own, null, null);
        public static readonly Operand Null = new Operand(OperandKind.Null, null, null);
        public static readonly Operand Unknown = new Operand(OperandKind.Unknown, null, null);

        public Operand(OperandKind kind, string? text, ISymbol? symbol, string? why = null)
        {
            Kind = kind;
            Text = text;
            Symbol = symbol;
            Why = why;
        }

        public OperandKind Kind { get; }

        /// <summary>The literal value, or the parameter's name.</summary>
        public string? Text { get; }

        /// <summary>The C# constant the value came from, where there is one.</summary>
        public ISymbol? Symbol { get; }

        /// <summary>
        /// For a value that is not proven own: what it is and what breaks the proof, as a noun phrase for messages
        /// ("field '_code', which is assigned parameter 'code' of …"); null where the kind and text say it all.
        /// </summary>
        public string? Why { get; }

        public static Operand Literal(string text, ISymbol? symbol = null) => new Operand(OperandKind.Literal, text, symbol);

        public static Operand Parameter(string name) => new Operand(OperandKind.Parameter, name, null);

        public static Operand OwnFrom(string? text, ISymbol? symbol) => new Operand(OperandKind.Own, text, symbol);

        /// <summary>A value nothing proves own, with what it is and why (see <see cref="Why"/>).</summary>
        public static Operand Unproven(string why) => new Operand(OperandKind.Unknown, null, null, why);

        /// <summary>The same value, described by <paramref name="why"/>.</summary>
        public Operand WithWhy(string? why) => why == Why ? this : new Operand(Kind, Text, Symbol, why);

        public override string ToString() => Kind switch
        {
            OperandKind.Own => Text ?? "own",
            OperandKind.Literal => "'" + Text + "'",
            OperandKind.Parameter => "parameter " + Text,
            OperandKind.Null => "null",
            _ => "?",
        };
    }

    /// <summary>
    /// The predicate model. LINQ lambdas, SQL WHERE/ON clauses and global query filters all lower into it,
    /// always relative to one source (a table reference or an entity in a query): <see cref="Column"/> names are
    /// columns or properties of that source; anything about other sources lowers to <see cref="Opaque"/>.
    /// </summary>
    internal abstract class Predicate
    {
        public static readonly Predicate Opaque = new OpaquePredicate();
        public static readonly Predicate Sanctioned = new SanctionedPredicate();

        public static Predicate AndOf(ImmutableArray<Predicate> items) => items.Length == 1 ? items[0] : new AndPredicate(items);
    }

    /// <summary><c>column = value</c> or <c>column &lt;&gt; value</c>.</summary>
    internal sealed class ComparePredicate : Predicate
    {
        public ComparePredicate(string column, bool isEqual, Operand value)
        {
            Column = column;
            IsEqual = isEqual;
            Value = value;
        }

        public string Column { get; }

        public bool IsEqual { get; }

        public Operand Value { get; }
    }

    /// <summary><c>column IN (…)</c> or <c>column NOT IN (…)</c>.</summary>
    internal sealed class InSetPredicate : Predicate
    {
        public InSetPredicate(string column, bool negated, ImmutableArray<Operand> values)
        {
            Column = column;
            Negated = negated;
            Values = values;
        }

        public string Column { get; }

        public bool Negated { get; }

        public ImmutableArray<Operand> Values { get; }
    }

    /// <summary>A call to a sanctioned filter method, or a read through a sanctioned view: trusted to apply the whole policy.</summary>
    internal sealed class SanctionedPredicate : Predicate
    {
    }

    /// <summary>A condition RetailGuard cannot interpret, or one about another source. It restricts nothing it can prove.</summary>
    internal sealed class OpaquePredicate : Predicate
    {
        public OpaquePredicate(string? why = null) => Why = why;

        /// <summary>Why the condition could not be followed, where it matters to the user ("parameter 'predicate' of a public method …").</summary>
        public string? Why { get; }
    }

    internal sealed class AndPredicate : Predicate
    {
        public AndPredicate(ImmutableArray<Predicate> items) => Items = items;

        public ImmutableArray<Predicate> Items { get; }
    }

    internal class OrPredicate : Predicate
    {
        public OrPredicate(ImmutableArray<Predicate> items) => Items = items;

        public ImmutableArray<Predicate> Items { get; }
    }

    /// <summary>
    /// A predicate parameter (<c>Expression&lt;Func&lt;T, bool&gt;&gt;</c>) seen through its callers: one of the predicates they
    /// pass applies, so the read is restricted only by what every one of them guarantees. <see cref="Sites"/> names each
    /// caller, in the order of <see cref="OrPredicate.Items"/>, for messages.
    /// </summary>
    internal sealed class CallersPredicate : OrPredicate
    {
        public CallersPredicate(string parameter, ImmutableArray<Predicate> items, ImmutableArray<string> sites)
            : base(items)
        {
            Parameter = parameter;
            Sites = sites;
        }

        /// <summary>The parameter, as messages name it: "parameter 'predicate' of 'Names'".</summary>
        public string Parameter { get; }

        /// <summary>Where each caller passes its predicate ("Customers.cs line 31").</summary>
        public ImmutableArray<string> Sites { get; }
    }

    internal sealed class NotPredicate : Predicate
    {
        public NotPredicate(Predicate operand) => Operand = operand;

        public Predicate Operand { get; }
    }
}
