using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    /// <summary>
    /// What one SQL object does, in terms of its own parameters: every guarded table it reads, writes or copies (directly
    /// or through the objects it calls), with the conditions applied, and every step RetailGuard cannot follow. Offsets of
    /// its reads are in the object's own file.
    /// </summary>
    internal sealed class SqlObjectSummary
    {
        public SqlObjectSummary(SqlObjectDefinition definition, ImmutableArray<SqlTableRead> reads, IReadOnlyDictionary<string, Operand> parameters,
            IReadOnlyDictionary<string, Operand> defaults, bool complete)
        {
            Definition = definition;
            Reads = reads;
            Parameters = parameters;
            Defaults = defaults;
            Complete = complete;
        }

        public SqlObjectDefinition Definition { get; }

        public ImmutableArray<SqlTableRead> Reads { get; }

        /// <summary>Each parameter ("@retailer") and the placeholder operand that stands for its value in <see cref="Reads"/>.</summary>
        public IReadOnlyDictionary<string, Operand> Parameters { get; }

        /// <summary>Parameters with a default value (<c>@retailer CHAR(5) = 'R0001'</c>): the value when a call does not pass one.</summary>
        public IReadOnlyDictionary<string, Operand> Defaults { get; }

        /// <summary>False when the summary was cut short on the path it was computed for (depth limit, a call cycle through a caller).</summary>
        public bool Complete { get; }
    }

    /// <summary>Every object name a body refers to, with what it would be: a procedure it executes, a view or table function it reads, a scalar function it calls.</summary>
    internal sealed class SqlObjectReferences : Microsoft.SqlServer.TransactSql.ScriptDom.TSqlFragmentVisitor
    {
        public const int Procedure = 0;
        public const int View = 1;
        public const int TableFunction = 2;
        public const int ScalarFunction = 3;

        public List<KeyValuePair<SqlObjectName, int>> Names { get; } = new List<KeyValuePair<SqlObjectName, int>>();

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.ExecutableProcedureReference node) =>
            Add(node.ProcedureReference?.ProcedureReference?.Name, Procedure);

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.NamedTableReference node) => Add(node.SchemaObject, View);

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.SchemaObjectFunctionTableReference node) => Add(node.SchemaObject, TableFunction);

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.FunctionCall node)
        {
            if (node.CallTarget is Microsoft.SqlServer.TransactSql.ScriptDom.MultiPartIdentifierCallTarget { MultiPartIdentifier: { Identifiers: { Count: 1 } parts } } &&
                node.FunctionName?.Value is { } name)
            {
                Names.Add(new KeyValuePair<SqlObjectName, int>(new SqlObjectName(parts[0].Value, name), ScalarFunction));
            }
        }

        private void Add(Microsoft.SqlServer.TransactSql.ScriptDom.SchemaObjectName? name, int kind)
        {
            if (SqlObjectName.From(name) is { } found)
            {
                Names.Add(new KeyValuePair<SqlObjectName, int>(found, kind));
            }
        }
    }

    /// <summary>
    /// The SQL objects the project defines in its .sql AdditionalFiles, built once per compilation when first needed: files are
    /// parsed once per content, and each object's summary is computed once, when something first uses it. Calls between
    /// objects are followed <see cref="MaxObjectDepth"/> deep; deeper calls and call cycles fail closed (RG1007).
    /// </summary>
    internal sealed class SqlCatalog
    {
        /// <summary>How many objects deep calls are followed (SQL Server itself stops at 32 nested levels).</summary>
        public const int MaxObjectDepth = 16;

        /// <summary>Summaries computed beyond one per object: only calls through cycles recompute them.</summary>
        private int WorkBudget => 1024 + (16 * DefinitionCount);

        private static readonly string[] DefinitionWords = { "PROC", "VIEW", "FUNCTION" };
        private static readonly object Marker = new object();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, object> DefinesNothing =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, object>();

        private readonly PolicyModel? _policy;
        private readonly Dictionary<string, List<SqlObjectDefinition>> _byName;
        private readonly Dictionary<string, SqlSourceFile> _byPath;
        private readonly ConcurrentDictionary<SqlObjectDefinition, SqlObjectSummary> _summaries = new ConcurrentDictionary<SqlObjectDefinition, SqlObjectSummary>();
        private readonly string? _projectDirectory;
        private readonly ConcurrentDictionary<SqlObjectDefinition, int> _depths = new ConcurrentDictionary<SqlObjectDefinition, int>();
        private readonly ConcurrentDictionary<SqlObjectDefinition, List<SqlObjectDefinition>> _callees = new ConcurrentDictionary<SqlObjectDefinition, List<SqlObjectDefinition>>();
        private readonly object _depthLock = new object();
        private readonly SqlParseCache _parses = new SqlParseCache();
        private SqlNameScan? _nameScan;
        private int _work;

        private SqlCatalog(PolicyModel? policy, Dictionary<string, List<SqlObjectDefinition>> byName, Dictionary<string, SqlSourceFile> byPath, int unreadable, string? projectDirectory,
            SqlFileSeverities? severities = null)
        {
            Severities = severities ?? SqlFileSeverities.None;
            _policy = policy;
            _byName = byName;
            _byPath = byPath;
            UnreadableFiles = unreadable;
            _projectDirectory = projectDirectory;
        }

        /// <summary>No .sql files: every object a call names has no definition.</summary>
        public static SqlCatalog Empty { get; } = new SqlCatalog(null, new Dictionary<string, List<SqlObjectDefinition>>(), new Dictionary<string, SqlSourceFile>(), 0, null);

        /// <summary>The .editorconfig severities for findings in .sql files.</summary>
        public SqlFileSeverities Severities { get; }

        /// <summary>.sql files that define objects but do not parse in full (their other batches still count).</summary>
        public int UnreadableFiles { get; }

        public int DefinitionCount
        {
            get
            {
                int n = 0;
                foreach (var list in _byName.Values)
                {
                    n += list.Count;
                }

                return n;
            }
        }

        /// <summary>Summaries computed so far (for tests and measurements).</summary>
        public int SummaryCount => _summaries.Count;

        public static SqlCatalog Build(PolicyModel policy, AnalyzerOptions? options, CancellationToken cancellationToken)
        {
            var byName = new Dictionary<string, List<SqlObjectDefinition>>(StringComparer.OrdinalIgnoreCase);
            var byPath = new Dictionary<string, SqlSourceFile>(StringComparer.Ordinal);
            int unreadable = 0;
            string? projectDirectory = null;
            if (options == null)
            {
                return new SqlCatalog(policy, byName, byPath, 0, null);
            }

            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.projectdir", out var dir) && !string.IsNullOrWhiteSpace(dir))
            {
                projectDirectory = dir.Replace('\\', '/').TrimEnd('/') + "/";
            }

            foreach (var additional in options.AdditionalFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsSqlFile(additional.Path))
                {
                    continue;
                }

                var text = additional.GetText(cancellationToken);
                if (text == null || DefinesNothing.TryGetValue(text, out _))
                {
                    continue;
                }

                if (!SqlSourceFile.IsParsed(text) && !MayDefineObjects(text.ToString()))
                {
                    // Remembered per content: a keystroke in C# does not read every .sql file again.
                    DefinesNothing.GetValue(text, _ => Marker);
                    continue;
                }

                var file = SqlSourceFile.Get(additional.Path, text, policy.Document.SqlDialect, cancellationToken);
                byPath[additional.Path] = file;
                if (file.Error != null && (file.Definitions.IsEmpty || file.ErrorOffset >= 0))
                {
                    unreadable++;
                }

                foreach (var definition in file.Definitions)
                {
                    if (!byName.TryGetValue(definition.Name.Name, out var list))
                    {
                        byName[definition.Name.Name] = list = new List<SqlObjectDefinition>(1);
                    }

                    list.Add(definition);
                }
            }

            return new SqlCatalog(policy, byName, byPath, unreadable, projectDirectory, SqlFileSeverities.Build(options, cancellationToken));
        }

        public static bool IsSqlFile(string path) => path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The name scan for <paramref name="policy"/> and this catalog's objects, built on first use (once per compilation;
        /// the shared <see cref="Empty"/> catalog keeps one per policy elsewhere).
        /// </summary>
        public SqlNameScan NameScan(PolicyModel policy)
        {
            if (ReferenceEquals(this, Empty) || _byName.Count == 0)
            {
                return SqlNameScan.For(policy);
            }

            var scan = _nameScan;
            if (scan != null && ReferenceEquals(scan.Policy, policy))
            {
                return scan;
            }

            scan = SqlNameScan.Create(policy, _byName.Keys);
            _nameScan = scan;
            return scan;
        }

        /// <summary>
        /// SQL text parsed once per compilation: the parse of each distinct text (with its dialect and placeholder style),
        /// kept by this catalog, so that it lives as long as the compilation's analysis; null for <see cref="Empty"/>.
        /// </summary>
        public SqlParseCache? Parses => ReferenceEquals(this, Empty) ? null : _parses;

        /// <summary>
        /// The look-alike tables <paramref name="sql"/> reads (RG9011), found once per distinct text for this catalog's policy
        /// (kept within <see cref="SqlParseCache"/>'s bounds). The list is shared: callers only read it.
        /// </summary>
        public List<Governance.TableLookalike> Lookalikes(PolicyModel policy, string sql)
        {
            if (ReferenceEquals(this, Empty) || !ReferenceEquals(policy, _policy))
            {
                return Governance.TableLookalikes.Find(policy, sql);
            }

            return _parses.TryGetLookalikes(sql) ?? _parses.AddLookalikes(sql, Governance.TableLookalikes.Find(policy, sql));
        }

        /// <summary>True when <paramref name="identifier"/> is the name of an object defined in the project.</summary>
        public bool Defines(string identifier) => _byName.ContainsKey(identifier);

        /// <summary>The definitions of <paramref name="name"/> of the given kinds. Several definitions (a CREATE and a later ALTER) are all judged.</summary>
        public List<SqlObjectDefinition> Find(SqlObjectName name, bool procedures, bool views, bool tableFunctions, bool scalarFunctions)
        {
            var found = new List<SqlObjectDefinition>();
            if (!_byName.TryGetValue(name.Name, out var list))
            {
                return found;
            }

            foreach (var definition in list)
            {
                bool kind = definition.Kind switch
                {
                    SqlObjectKind.Procedure => procedures,
                    SqlObjectKind.View => views,
                    SqlObjectKind.ScalarFunction => scalarFunctions || procedures,
                    _ => tableFunctions,
                };
                if (kind && name.Matches(definition.Name))
                {
                    found.Add(definition);
                }
            }

            return found;
        }

        /// <summary>The parsed file for a .sql AdditionalFile (parsed once per content, shared with the catalog).</summary>
        public SqlSourceFile FileFor(AdditionalText additional, Microsoft.CodeAnalysis.Text.SourceText text, string dialect, CancellationToken cancellationToken) =>
            _byPath.TryGetValue(additional.Path, out var file) && ReferenceEquals(file.Text, text)
                ? file
                : SqlSourceFile.Get(additional.Path, text, dialect, cancellationToken);

        /// <summary>The file's path for messages: relative to the project folder when it is inside it, else its name.</summary>
        public string DisplayPath(SqlSourceFile file)
        {
            string path = file.Path.Replace('\\', '/');
            if (_projectDirectory != null && path.StartsWith(_projectDirectory, StringComparison.OrdinalIgnoreCase))
            {
                return path.Substring(_projectDirectory.Length);
            }

            int slash = path.LastIndexOf('/');
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        /// <summary>
        /// The summary of <paramref name="definition"/>. <paramref name="active"/> holds the objects being summarized on this
        /// path: a call back into one of them, or a path deeper than <see cref="MaxObjectDepth"/>, is cut there, and only
        /// summaries computed without a cut are kept for other callers.
        /// </summary>
        public SqlObjectSummary Summary(SqlObjectDefinition definition, ImmutableArray<SqlObjectDefinition> active, CancellationToken cancellationToken)
        {
            if (_summaries.TryGetValue(definition, out var cached))
            {
                return cached;
            }

            var none = new Dictionary<string, Operand>(StringComparer.OrdinalIgnoreCase);
            if (active.IndexOf(definition) >= 0)
            {
                var marker = SqlTableRead.Unverified(definition.NameStart, definition.NameLength, Descriptors.Phrase("SqlObjectCycle", definition.Name.Display));
                marker.CycleAt = definition;
                marker.CutShort = true;
                return new SqlObjectSummary(definition, ImmutableArray.Create(marker), none, none, complete: false);
            }

            if (active.Length > MaxObjectDepth || _policy == null || Interlocked.Increment(ref _work) > WorkBudget)
            {
                // Callers cut calls deeper than MaxObjectDepth before they get here (see Depth): this guards the stack and
                // the work a pathological call graph could take, failing closed and never shared.
                var cut = SqlTableRead.Unverified(definition.NameStart, definition.NameLength, Descriptors.Phrase("SqlObjectTooComplex"));
                cut.CutShort = true;
                return new SqlObjectSummary(definition, ImmutableArray.Create(cut), none, none, complete: false);
            }

            var summary = SqlChecker.Summarize(definition, _policy, this, active.Add(definition), cancellationToken);
            if (summary.Complete)
            {
                summary = _summaries.GetOrAdd(definition, summary);
            }

            return summary;
        }

        /// <summary>
        /// How many objects deep the calls of <paramref name="root"/> go, itself included: 1 for an object that calls none;
        /// every object of a call cycle counts, and all of them get the cycle's depth. A property of the call graph, computed
        /// without recursion (Tarjan's strongly connected components over an explicit stack) and once per object, so a call
        /// is cut by how deep it goes, never by the path it was first reached on. Saturates at <see cref="MaxObjectDepth"/> + 1.
        /// </summary>
        public int Depth(SqlObjectDefinition root, CancellationToken cancellationToken)
        {
            if (_depths.TryGetValue(root, out int known))
            {
                return known;
            }

            lock (_depthLock)
            {
                if (_depths.TryGetValue(root, out known))
                {
                    return known;
                }

                var index = new Dictionary<SqlObjectDefinition, int>();
                var low = new Dictionary<SqlObjectDefinition, int>();
                var open = new Stack<SqlObjectDefinition>();
                var onStack = new HashSet<SqlObjectDefinition>();
                var work = new Stack<KeyValuePair<SqlObjectDefinition, int>>();

                void Visit(SqlObjectDefinition node)
                {
                    index[node] = low[node] = index.Count;
                    open.Push(node);
                    onStack.Add(node);
                    work.Push(new KeyValuePair<SqlObjectDefinition, int>(node, 0));
                }

                Visit(root);
                while (work.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var frame = work.Pop();
                    var node = frame.Key;
                    var callees = Callees(node, cancellationToken);
                    if (frame.Value < callees.Count)
                    {
                        work.Push(new KeyValuePair<SqlObjectDefinition, int>(node, frame.Value + 1));
                        var callee = callees[frame.Value];
                        if (_depths.ContainsKey(callee))
                        {
                            continue;
                        }

                        if (!index.ContainsKey(callee))
                        {
                            Visit(callee);
                        }
                        else if (onStack.Contains(callee))
                        {
                            low[node] = Math.Min(low[node], index[callee]);
                        }

                        continue;
                    }

                    if (work.Count > 0)
                    {
                        var parent = work.Peek().Key;
                        low[parent] = Math.Min(low[parent], low[node]);
                    }

                    if (low[node] != index[node])
                    {
                        continue;
                    }

                    var members = new HashSet<SqlObjectDefinition>();
                    SqlObjectDefinition member;
                    do
                    {
                        member = open.Pop();
                        onStack.Remove(member);
                        members.Add(member);
                    }
                    while (member != node);

                    int below = 0;
                    foreach (var m in members)
                    {
                        foreach (var callee in Callees(m, cancellationToken))
                        {
                            if (!members.Contains(callee) && _depths.TryGetValue(callee, out int d))
                            {
                                below = Math.Max(below, d);
                            }
                        }
                    }

                    int depth = Math.Min(members.Count + below, MaxObjectDepth + 1);
                    foreach (var m in members)
                    {
                        _depths[m] = depth;
                    }
                }

                return _depths[root];
            }
        }

        /// <summary>The objects a definition's body refers to (procedures it executes, views and functions it reads), defined in the project.</summary>
        private List<SqlObjectDefinition> Callees(SqlObjectDefinition definition, CancellationToken cancellationToken) =>
            _callees.GetOrAdd(definition, d =>
            {
                var found = new List<SqlObjectDefinition>();
                if (d.Body == null)
                {
                    return found;
                }

                var references = new SqlObjectReferences();
                d.Body.Accept(references);
                foreach (var reference in references.Names)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int kind = reference.Value;
                    foreach (var callee in Find(reference.Key, kind == SqlObjectReferences.Procedure, kind == SqlObjectReferences.View,
                                 kind == SqlObjectReferences.TableFunction, kind == SqlObjectReferences.ScalarFunction))
                    {
                        if (!found.Contains(callee))
                        {
                            found.Add(callee);
                        }
                    }
                }

                return found;
            });

        /// <summary>Files without these words define no procedure, view or function and are not parsed for the catalog.</summary>
        private static bool MayDefineObjects(string text)
        {
            if (text.IndexOf("CREATE", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("ALTER", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return false;
            }

            foreach (var word in DefinitionWords)
            {
                if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
