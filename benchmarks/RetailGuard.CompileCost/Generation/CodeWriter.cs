using System;
using System.Text;

namespace RetailGuard.CompileCost.Generation
{
    /// <summary>What a generated line is: data access (repository members) or anything else (DTOs, validation, services).</summary>
    internal enum LineKind
    {
        Other,
        DataAccess,
    }

    /// <summary>Writes C# source line by line and counts the lines of each <see cref="LineKind"/>.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public LineKind Kind { get; set; }

        /// <summary>Non-blank lines written while <see cref="Kind"/> was <see cref="LineKind.DataAccess"/>.</summary>
        public int DataAccessLines { get; private set; }

        /// <summary>Non-blank lines written while <see cref="Kind"/> was <see cref="LineKind.Other"/>.</summary>
        public int OtherLines { get; private set; }

        /// <summary>Writes one line, or each line of a block (split on '\n'), at the current indentation.</summary>
        public CodeWriter Line(string text = "")
        {
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0)
                {
                    _text.Append('\n');
                    continue;
                }

                _text.Append(' ', _indent * 4).Append(line).Append('\n');
                if (Kind == LineKind.DataAccess)
                {
                    DataAccessLines++;
                }
                else
                {
                    OtherLines++;
                }
            }

            return this;
        }

        /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c> plus <paramref name="closing"/>.</summary>
        public IDisposable Block(string header, string closing = "")
        {
            Line(header);
            Line("{");
            _indent++;
            return new Scope(this, closing);
        }

        public override string ToString() => _text.ToString();

        private sealed class Scope : IDisposable
        {
            private readonly CodeWriter _writer;
            private readonly string _closing;

            public Scope(CodeWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._indent--;
                _writer.Line("}" + _closing);
            }
        }
    }
}
