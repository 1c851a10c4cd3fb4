using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>Where rows that are not proven filtered came from: a read, a call into code RetailGuard cannot see, unverifiable SQL.</summary>
    internal sealed class Origin
    {
        public Origin(string table, Location location, string reason)
        {
            Table = table;
            Location = location;
            Reason = reason;
        }

        /// <summary>The protected or restricted table the rows belong to, as the policy names it.</summary>
        public string Table { get; }

        public Location Location { get; }

        public string Reason { get; }
    }

    /// <summary>
    /// What a value carries: origins of unproven rows, and which parameters of the current method flow into it.
    /// A parameter is named by its ordinal ("0"), or by its ordinal and one member ("0.Rows") when only that member
    /// of the argument flows: the caller then substitutes that member of its argument.
    /// </summary>
    internal sealed class Taint : IEquatable<Taint>
    {
        public static readonly Taint Clean = new Taint(ImmutableArray<Origin>.Empty, ImmutableArray<string>.Empty);

        /// <summary>At most this many origins are kept per value: enough to report one and bound the work.</summary>
        public const int MaxOrigins = 8;

        /// <summary>At most this many parameter paths are kept; beyond, the value carries whole parameters only.</summary>
        private const int MaxParameters = 16;

        private Taint(ImmutableArray<Origin> origins, ImmutableArray<string> parameters)
        {
            Origins = origins;
            Parameters = parameters;
        }

        public ImmutableArray<Origin> Origins { get; }

        /// <summary>Sorted, distinct parameter paths.</summary>
        public ImmutableArray<string> Parameters { get; }

        public bool IsClean => Origins.IsEmpty && Parameters.IsEmpty;

        public bool HasOrigins => !Origins.IsEmpty;

        public static Taint From(Origin origin) => new Taint(ImmutableArray.Create(origin), ImmutableArray<string>.Empty);

        public static Taint From(ImmutableArray<Origin> origins)
        {
            var sorted = ImmutableArray<Origin>.Empty;
            foreach (var o in origins)
            {
                sorted = MergeOrigins(sorted, ImmutableArray.Create(o));
            }

            return sorted.IsEmpty ? Clean : new Taint(sorted, ImmutableArray<string>.Empty);
        }

        public static Taint FromParameter(string path) => new Taint(ImmutableArray<Origin>.Empty, ImmutableArray.Create(path));

        public Taint Union(Taint other)
        {
            if (other.IsClean || ReferenceEquals(this, other))
            {
                return this;
            }

            if (IsClean)
            {
                return other;
            }

            var origins = MergeOrigins(Origins, other.Origins);
            var parameters = MergeSorted(Parameters, other.Parameters);
            if (origins == Origins && parameters == Parameters)
            {
                return this;
            }

            return new Taint(origins, parameters);
        }

        public Taint WithoutParameters() => Parameters.IsEmpty ? this : (Origins.IsEmpty ? Clean : new Taint(Origins, ImmutableArray<string>.Empty));

        /// <summary>The taint of member <paramref name="member"/> of a value with this taint: parameter paths are narrowed to that member.</summary>
        public Taint Narrowed(string member)
        {
            if (Parameters.IsEmpty || !HasWholeParameter(Parameters))
            {
                // Only member paths: narrowing leaves them as they are (and they are sorted and distinct already).
                return this;
            }

            var builder = ImmutableArray.CreateBuilder<string>(Parameters.Length);
            foreach (var p in Parameters)
            {
                // One level of members only: "0" becomes "0.Rows"; "0.Rows" stays (deeper paths collapse onto it).
                builder.Add(p.IndexOf('.') < 0 ? p + "." + member : p);
            }

            builder.Sort(StringComparer.Ordinal);
            return new Taint(Origins, Dedup(builder.ToImmutable()));
        }

        /// <summary>True when a path of <paramref name="parameters"/> is a whole parameter ("0"), not a member of one ("0.Rows").</summary>
        private static bool HasWholeParameter(ImmutableArray<string> parameters)
        {
            foreach (var p in parameters)
            {
                if (p.IndexOf('.') < 0)
                {
                    return true;
                }
            }

            return false;
        }

        public bool Equals(Taint? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other == null || other.Origins.Length != Origins.Length || other.Parameters.Length != Parameters.Length)
            {
                return false;
            }

            for (int i = 0; i < Origins.Length; i++)
            {
                if (Compare(Origins[i], other.Origins[i]) != 0)
                {
                    return false;
                }
            }

            for (int i = 0; i < Parameters.Length; i++)
            {
                if (!string.Equals(Parameters[i], other.Parameters[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Taint);

        public override int GetHashCode() => (Origins.Length * 31) + Parameters.Length;

        /// <summary>
        /// Origins are kept sorted by where they are (file, then position) and cut to <see cref="MaxOrigins"/>: the kept set is
        /// then a function of the whole set, so unions are order-independent and fixed-point iteration settles.
        /// </summary>
        private static ImmutableArray<Origin> MergeOrigins(ImmutableArray<Origin> a, ImmutableArray<Origin> b)
        {
            if (b.IsEmpty)
            {
                return a;
            }

            if (a.IsEmpty)
            {
                return b;
            }

            var builder = ImmutableArray.CreateBuilder<Origin>(Math.Min(MaxOrigins, a.Length + b.Length));
            int i = 0, j = 0;
            while ((i < a.Length || j < b.Length) && builder.Count < MaxOrigins)
            {
                int c = i >= a.Length ? 1 : j >= b.Length ? -1 : Compare(a[i], b[j]);
                if (c <= 0)
                {
                    builder.Add(a[i]);
                    if (c == 0)
                    {
                        j++;
                    }

                    i++;
                }
                else
                {
                    builder.Add(b[j++]);
                }
            }

            if (builder.Count == a.Length && i == a.Length)
            {
                return a;
            }

            return builder.ToImmutable();
        }

        private static int Compare(Origin x, Origin y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            int c = string.CompareOrdinal(x.Location.SourceTree?.FilePath ?? x.Location.GetLineSpan().Path, y.Location.SourceTree?.FilePath ?? y.Location.GetLineSpan().Path);
            if (c != 0)
            {
                return c;
            }

            c = x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
            if (c != 0)
            {
                return c;
            }

            c = x.Location.SourceSpan.Length.CompareTo(y.Location.SourceSpan.Length);
            return c != 0 ? c : string.CompareOrdinal(x.Reason, y.Reason);
        }

        private static ImmutableArray<string> MergeSorted(ImmutableArray<string> a, ImmutableArray<string> b)
        {
            if (b.IsEmpty)
            {
                return a;
            }

            if (a.IsEmpty)
            {
                return b;
            }

            var builder = ImmutableArray.CreateBuilder<string>(a.Length + b.Length);
            int i = 0, j = 0;
            while (i < a.Length || j < b.Length)
            {
                int c = i >= a.Length ? 1 : j >= b.Length ? -1 : string.CompareOrdinal(a[i], b[j]);
                if (c <= 0)
                {
                    builder.Add(a[i]);
                    if (c == 0)
                    {
                        j++;
                    }

                    i++;
                }
                else
                {
                    builder.Add(b[j++]);
                }
            }

            if (builder.Count == a.Length)
            {
                return a;
            }

            return builder.Count > MaxParameters ? Collapse(builder.ToImmutable()) : builder.ToImmutable();
        }

        private static ImmutableArray<string> Dedup(ImmutableArray<string> sorted)
        {
            var builder = ImmutableArray.CreateBuilder<string>(sorted.Length);
            foreach (var p in sorted)
            {
                if (builder.Count == 0 || !string.Equals(builder[builder.Count - 1], p, StringComparison.Ordinal))
                {
                    builder.Add(p);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Too many paths: keep whole parameters only ("0.Rows" becomes "0").</summary>
        private static ImmutableArray<string> Collapse(ImmutableArray<string> paths)
        {
            var builder = ImmutableArray.CreateBuilder<string>(paths.Length);
            foreach (var p in paths)
            {
                int dot = p.IndexOf('.');
                builder.Add(dot < 0 ? p : p.Substring(0, dot));
            }

            builder.Sort(StringComparer.Ordinal);
            return Dedup(builder.ToImmutable());
        }
    }

    /// <summary>A delegate a value may hold: a lambda of a control-flow graph, or a method.</summary>
    internal sealed class DelegateTarget
    {
        public DelegateTarget(ControlFlowGraph owner, IFlowAnonymousFunctionOperation lambda)
        {
            Owner = owner;
            Lambda = lambda;
        }

        public DelegateTarget(IMethodSymbol method) => Method = method;

        /// <summary>The graph that holds <see cref="Lambda"/>: its own graph is obtained from it.</summary>
        public ControlFlowGraph? Owner { get; }

        public IFlowAnonymousFunctionOperation? Lambda { get; }

        public IMethodSymbol? Method { get; }

        public bool Same(DelegateTarget other) =>
            ReferenceEquals(Lambda, other.Lambda) && SymbolEqualityComparer.Default.Equals(Method, other.Method);
    }

    /// <summary>
    /// The abstract value of one C# value in the export analysis: the taint of the value as a whole, and, field by
    /// field, the taint of the members it was built with (one level deep), so that one member of an object does not
    /// taint its siblings. It also remembers the delegates it may hold, so that invoking a local delegate runs its body.
    /// </summary>
    internal sealed class FlowValue : IEquatable<FlowValue>
    {
        public static readonly FlowValue Clean = new FlowValue(Taint.Clean, null, ImmutableArray<DelegateTarget>.Empty);

        private const int MaxMembers = 24;
        private const int MaxDelegates = 8;

        private FlowValue(Taint self, ImmutableDictionary<string, Taint>? members, ImmutableArray<DelegateTarget> delegates, bool rows = false)
        {
            Self = self;
            Members = members;
            Delegates = delegates;
            Rows = rows && !self.IsClean;
        }

        /// <summary>
        /// True for a sequence of rows as a query or raw SQL returned them, and what LINQ makes of it, as opposed to values
        /// code builds from single rows. Only such a sequence is copied in bulk when it is written into another table.
        /// </summary>
        public bool Rows { get; }

        /// <summary>This value marked as a sequence of rows (or not).</summary>
        public FlowValue AsRows(bool rows) => rows == Rows || (rows && Self.IsClean) ? this : new FlowValue(Self, Members, Delegates, rows);

        /// <summary>What the value carries as a whole: every member of it carries this too.</summary>
        public Taint Self { get; }

        /// <summary>What individual members carry beyond <see cref="Self"/>, or null when nothing is known member by member.</summary>
        public ImmutableDictionary<string, Taint>? Members { get; }

        public ImmutableArray<DelegateTarget> Delegates { get; }

        public bool IsClean => Self.IsClean && Members == null && Delegates.IsEmpty;

        public static FlowValue Of(Taint taint) => taint.IsClean ? Clean : new FlowValue(taint, null, ImmutableArray<DelegateTarget>.Empty);

        public static FlowValue OfDelegate(DelegateTarget target) => new FlowValue(Taint.Clean, null, ImmutableArray.Create(target));

        public static FlowValue WithMembers(Taint self, ImmutableDictionary<string, Taint> members)
        {
            if (members.Count > MaxMembers)
            {
                foreach (var m in members.Values)
                {
                    self = self.Union(m);
                }

                return Of(self);
            }

            return members.IsEmpty ? Of(self) : new FlowValue(self, members, ImmutableArray<DelegateTarget>.Empty);
        }

        /// <summary>Everything the value carries, whatever part of it is used.</summary>
        public Taint Whole()
        {
            if (Members == null)
            {
                return Self;
            }

            var t = Self;
            foreach (var m in Members.Values)
            {
                t = t.Union(m);
            }

            return t;
        }

        /// <summary>What member <paramref name="name"/> of this value carries.</summary>
        public FlowValue Member(string name)
        {
            var self = Self.Narrowed(name);
            if (Members != null && Members.TryGetValue(name, out var member))
            {
                return Of(self.Union(member));
            }

            return Of(self);
        }

        /// <summary>This value after <c>value.name = member</c>: the member now carries only what was stored (and what the whole carries).</summary>
        public FlowValue WithMember(string name, Taint member)
        {
            var members = (Members ?? ImmutableDictionary.Create<string, Taint>(StringComparer.Ordinal)).SetItem(name, member);
            if (members.Count > MaxMembers)
            {
                var self = Self;
                foreach (var m in members.Values)
                {
                    self = self.Union(m);
                }

                return new FlowValue(self, null, Delegates);
            }

            return new FlowValue(Self, members, Delegates, Rows);
        }

        /// <summary>This value after something was added into member <paramref name="name"/> (<c>value.Lines.Add(x)</c>).</summary>
        public FlowValue AddedToMember(string name, Taint added)
        {
            if (added.IsClean)
            {
                return this;
            }

            var existing = Members != null && Members.TryGetValue(name, out var m) ? m : Taint.Clean;
            return WithMember(name, existing.Union(added));
        }

        /// <summary>This value after something was added into it as a whole (<c>list.Add(x)</c>).</summary>
        public FlowValue Added(Taint added) => added.IsClean ? this : new FlowValue(Self.Union(added), Members, Delegates, Rows);

        public FlowValue Join(FlowValue other)
        {
            if (ReferenceEquals(this, other) || other.IsClean)
            {
                return this;
            }

            if (IsClean)
            {
                return other;
            }

            var self = Self.Union(other.Self);
            ImmutableDictionary<string, Taint>? members = null;
            if (Members != null || other.Members != null)
            {
                members = Members ?? ImmutableDictionary.Create<string, Taint>(StringComparer.Ordinal);
                if (other.Members != null)
                {
                    foreach (var kv in other.Members)
                    {
                        members = members.SetItem(kv.Key, members.TryGetValue(kv.Key, out var mine) ? mine.Union(kv.Value) : kv.Value);
                    }
                }
            }

            var delegates = Delegates;
            foreach (var d in other.Delegates)
            {
                if (delegates.Length >= MaxDelegates)
                {
                    break;
                }

                bool seen = false;
                foreach (var existing in delegates)
                {
                    seen |= existing.Same(d);
                }

                if (!seen)
                {
                    delegates = delegates.Add(d);
                }
            }

            if (members != null && members.Count > MaxMembers)
            {
                foreach (var m in members.Values)
                {
                    self = self.Union(m);
                }

                members = null;
            }

            return new FlowValue(self, members, delegates, Rows || other.Rows);
        }

        public bool Equals(FlowValue? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other == null || !Self.Equals(other.Self) || other.Delegates.Length != Delegates.Length || other.Rows != Rows ||
                (Members == null) != (other.Members == null))
            {
                return false;
            }

            if (Members != null)
            {
                if (Members.Count != other.Members!.Count)
                {
                    return false;
                }

                foreach (var kv in Members)
                {
                    if (!other.Members.TryGetValue(kv.Key, out var theirs) || !theirs.Equals(kv.Value))
                    {
                        return false;
                    }
                }
            }

            for (int i = 0; i < Delegates.Length; i++)
            {
                if (!Delegates[i].Same(other.Delegates[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as FlowValue);

        public override int GetHashCode() => Self.GetHashCode() ^ (Members?.Count ?? 0);
    }

    /// <summary>A method's effect on export flow, computed once per compilation.</summary>
    internal sealed class TaintSummary
    {
        public static readonly TaintSummary Empty = new TaintSummary(FlowValue.Clean, ImmutableArray<ParameterSink>.Empty, false);

        public TaintSummary(FlowValue returned, ImmutableArray<ParameterSink> parameterSinks, bool cutShort)
        {
            Returned = returned;
            ParameterSinks = parameterSinks;
            CutShort = cutShort;
        }

        /// <summary>What the return value carries: its own origins, and the parameters that flow into it.</summary>
        public FlowValue Returned { get; }

        /// <summary>Parameters (or members of them) whose values reach an export or bulk sink inside the method (or deeper).</summary>
        public ImmutableArray<ParameterSink> ParameterSinks { get; }

        /// <summary>True when the analysis ran out of its budget: the summary is a fail-closed approximation.</summary>
        public bool CutShort { get; }

        /// <summary>
        /// The summary of a method that can neither produce unproven rows nor reach a sink: what it returns can only
        /// come from its arguments, so every argument is taken to flow into the result.
        /// </summary>
        public static TaintSummary PassThrough(IMethodSymbol method)
        {
            var t = method.IsStatic ? Taint.Clean : Taint.FromParameter(MethodFlow.ThisParameter);
            foreach (var p in method.Parameters)
            {
                if (p.RefKind != RefKind.Out)
                {
                    t = t.Union(Taint.FromParameter(Ordinal(p)));
                }
            }

            return new TaintSummary(FlowValue.Of(t), ImmutableArray<ParameterSink>.Empty, false);
        }

        public static string Ordinal(IParameterSymbol parameter) => parameter.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool SameAs(TaintSummary other)
        {
            if (!Returned.Equals(other.Returned) || ParameterSinks.Length != other.ParameterSinks.Length || CutShort != other.CutShort)
            {
                return false;
            }

            for (int i = 0; i < ParameterSinks.Length; i++)
            {
                if (!ParameterSinks[i].Same(other.ParameterSinks[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A parameter (or a member of it: "0.Rows") that reaches a sink inside a method.</summary>
    internal sealed class ParameterSink
    {
        public ParameterSink(string path, ExportSink sink, bool rowsOnly = false)
        {
            Path = path;
            Sink = sink;
            RowsOnly = rowsOnly;
        }

        /// <summary>The sink copies only sequences of rows (EF Core's AddRange): an argument that is not one does not reach it.</summary>
        public bool RowsOnly { get; }

        public string Path { get; }

        public ExportSink Sink { get; }

        public bool Same(ParameterSink other) => string.Equals(Path, other.Path, StringComparison.Ordinal) && ReferenceEquals(Sink.Operation.Syntax, other.Sink.Operation.Syntax);
    }

    /// <summary>Unproven data reaching a sink: at the sink itself, or at a call through which it reaches one.</summary>
    internal sealed class SinkHit
    {
        public SinkHit(IOperation at, ExportSink sink, Taint taint)
        {
            At = at;
            Sink = sink;
            Taint = taint;
        }

        /// <summary>Where to report: the sink, or the call through which the data reaches one.</summary>
        public IOperation At { get; }

        public ExportSink Sink { get; }

        public Taint Taint { get; }
    }
}
