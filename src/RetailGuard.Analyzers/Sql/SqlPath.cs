using System.Text;
using RetailGuard.Diagnostics;

namespace RetailGuard.Sql
{
    /// <summary>
    /// The SQL objects a finding goes through, for messages: "'dbo.usp_extract' → 'dbo.v_contracts'", and the file and line
    /// where the last of them reads the table (or does what cannot be verified).
    /// </summary>
    internal sealed class SqlObjectPath
    {
        public SqlObjectPath(string objects, string file, int line)
        {
            Objects = objects;
            File = file;
            Line = line;
        }

        public string Objects { get; }

        public string File { get; }

        public int Line { get; }

        /// <summary>A hint (what to add) placed in the object that needs it: "the condition '…' in 'dbo.usp_x' (dwh/usp_x.sql line 12)".</summary>
        public string Hint(string hint) => Descriptors.Phrase("SqlPathHint", Objects, File, Line, hint);

        /// <summary>A reason, said of the object where it happens: "…, in 'dbo.usp_x' (dwh/usp_x.sql line 12)".</summary>
        public string Reason(string reason) => Descriptors.Phrase("SqlPathReason", Objects, File, Line, reason);
    }

    internal static class SqlPath
    {
        /// <summary>The path of a read through objects, or null for a direct read.</summary>
        public static SqlObjectPath? Of(SqlTableRead read)
        {
            if (read.Via.IsEmpty)
            {
                return null;
            }

            var objects = new StringBuilder();
            foreach (var step in read.Via)
            {
                if (objects.Length > 0)
                {
                    objects.Append(" → ");
                }

                objects.Append('\'').Append(step.ObjectName).Append('\'');
            }

            var last = read.Via[read.Via.Length - 1];
            return new SqlObjectPath(objects.ToString(), last.File, last.Line);
        }

        public static string Reason(SqlTableRead read, string reason) => Of(read)?.Reason(reason) ?? reason;

        public static string Hint(SqlObjectPath? path, string hint) => path?.Hint(hint) ?? hint;

        public static string Reason(SqlObjectPath? path, string reason) => path?.Reason(reason) ?? reason;
    }
}
