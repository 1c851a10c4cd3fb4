using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sales.Oracle
{
    /// <summary>Every row a job loaded from the database, in order.</summary>
    public sealed class Recorder
    {
        public List<string> Rows { get; } = new List<string>();

        public void Row(DbDataReader reader)
        {
            var values = new string[reader.FieldCount];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }

            Rows.Add(string.Join(" | ", values));
        }

        public void Scalar(object? value) => Rows.Add("scalar=" + Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    /// <summary>Records what EF Core reads: wraps each data reader it gets.</summary>
    public sealed class RecordingInterceptor : DbCommandInterceptor
    {
        private readonly Recorder _recorder;

        public RecordingInterceptor(Recorder recorder) => _recorder = recorder;

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
            new RecordingReader(result, _recorder);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            new ValueTask<DbDataReader>(new RecordingReader(result, _recorder));

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            _recorder.Scalar(result);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            _recorder.Scalar(result);
            return new ValueTask<object?>(result);
        }
    }

    /// <summary>Records what Dapper and ADO.NET read: a connection whose commands hand out recording readers.</summary>
    public sealed class RecordingConnection : DbConnection
    {
        private readonly DbConnection _inner;
        private readonly Recorder _recorder;

        public RecordingConnection(DbConnection inner, Recorder recorder)
        {
            _inner = inner;
            _recorder = recorder;
        }

        [AllowNull]
        public override string ConnectionString { get => _inner.ConnectionString; set => _inner.ConnectionString = value; }

        public override string Database => _inner.Database;

        public override string DataSource => _inner.DataSource;

        public override string ServerVersion => _inner.ServerVersion;

        public override ConnectionState State => _inner.State;

        public override void ChangeDatabase(string databaseName) => _inner.ChangeDatabase(databaseName);

        public override void Close() => _inner.Close();

        public override void Open() => _inner.Open();

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _inner.BeginTransaction(isolationLevel);

        protected override DbCommand CreateDbCommand() => new RecordingCommand(_inner.CreateCommand(), this, _recorder);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// A command of the recording connection. SQLite has no stored procedures: a command of type StoredProcedure runs
        /// the body of the procedure's definition in Sql/&lt;name&gt;.sql, the SQL it contains, with the same parameters.
        /// </summary>
        private sealed class RecordingCommand : DbCommand
        {
            private readonly DbCommand _inner;
            private readonly Recorder _recorder;
            private DbConnection? _connection;
            private CommandType _commandType = CommandType.Text;

            public RecordingCommand(DbCommand inner, DbConnection connection, Recorder recorder)
            {
                _inner = inner;
                _connection = connection;
                _recorder = recorder;
            }

            [AllowNull]
            [SuppressMessage("RetailGuard.DataAccess", "RG1007", Justification = "A recording wrapper: the SQL is checked where callers set it.")]
            public override string CommandText { get => _inner.CommandText; set => _inner.CommandText = value; }

            public override int CommandTimeout { get => _inner.CommandTimeout; set => _inner.CommandTimeout = value; }

            public override CommandType CommandType { get => _commandType; set => _commandType = value; }

            public override bool DesignTimeVisible { get => _inner.DesignTimeVisible; set => _inner.DesignTimeVisible = value; }

            public override UpdateRowSource UpdatedRowSource { get => _inner.UpdatedRowSource; set => _inner.UpdatedRowSource = value; }

            protected override DbConnection? DbConnection { get => _connection; set => _connection = value; }

            protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

            protected override DbTransaction? DbTransaction { get => _inner.Transaction; set => _inner.Transaction = value; }

            public override void Cancel() => _inner.Cancel();

            public override int ExecuteNonQuery() => Prepared().ExecuteNonQuery();

            public override object? ExecuteScalar()
            {
                var value = Prepared().ExecuteScalar();
                _recorder.Scalar(value);
                return value;
            }

            public override void Prepare() => _inner.Prepare();

            protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

            protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => new RecordingReader(Prepared().ExecuteReader(behavior), _recorder);

            [SuppressMessage("RetailGuard.DataAccess", "RG1007", Justification = "Runs a procedure's body from its definition file; RetailGuard judges the definition at the call.")]
            private DbCommand Prepared()
            {
                if (_commandType == CommandType.StoredProcedure)
                {
                    _inner.CommandText = ProcedureBody(_inner.CommandText);
                    _commandType = CommandType.Text;
                }

                return _inner;
            }

            /// <summary>The statements of a procedure defined in Sql/&lt;name&gt;.sql: what follows its AS line, inside BEGIN … END.</summary>
            private static string ProcedureBody(string name)
            {
                string file = name.Substring(name.LastIndexOf('.') + 1).Trim('[', ']', '"');
                string[] lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(AppContext.BaseDirectory, "Sql", file + ".sql"));
                int start = Array.FindIndex(lines, l => l.Trim().Equals("AS", StringComparison.OrdinalIgnoreCase)) + 1;
                string body = string.Join("\n", lines, start, lines.Length - start).Trim();
                if (body.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) && body.EndsWith("END", StringComparison.OrdinalIgnoreCase))
                {
                    body = body.Substring(5, body.Length - 8);
                }

                return body;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }

    /// <summary>A data reader that records every row as it is read.</summary>
    public sealed class RecordingReader : DbDataReader
    {
        private readonly DbDataReader _inner;
        private readonly Recorder _recorder;

        public RecordingReader(DbDataReader inner, Recorder recorder)
        {
            _inner = inner;
            _recorder = recorder;
        }

        public override int Depth => _inner.Depth;

        public override int FieldCount => _inner.FieldCount;

        public override bool HasRows => _inner.HasRows;

        public override bool IsClosed => _inner.IsClosed;

        public override int RecordsAffected => _inner.RecordsAffected;

        public override object this[int ordinal] => _inner[ordinal];

        public override object this[string name] => _inner[name];

        public override bool Read()
        {
            bool more = _inner.Read();
            if (more)
            {
                _recorder.Row(_inner);
            }

            return more;
        }

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
        {
            bool more = await _inner.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (more)
            {
                _recorder.Row(_inner);
            }

            return more;
        }

        public override bool NextResult() => _inner.NextResult();

        public override bool GetBoolean(int ordinal) => _inner.GetBoolean(ordinal);

        public override byte GetByte(int ordinal) => _inner.GetByte(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => _inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

        public override char GetChar(int ordinal) => _inner.GetChar(ordinal);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => _inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

        public override string GetDataTypeName(int ordinal) => _inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => _inner.GetDateTime(ordinal);

        public override decimal GetDecimal(int ordinal) => _inner.GetDecimal(ordinal);

        public override double GetDouble(int ordinal) => _inner.GetDouble(ordinal);

        public override IEnumerator GetEnumerator() => ((IEnumerable)_inner).GetEnumerator();

        public override Type GetFieldType(int ordinal) => _inner.GetFieldType(ordinal);

        public override T GetFieldValue<T>(int ordinal) => _inner.GetFieldValue<T>(ordinal);

        public override float GetFloat(int ordinal) => _inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => _inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => _inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => _inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => _inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => _inner.GetName(ordinal);

        public override int GetOrdinal(string name) => _inner.GetOrdinal(name);

        public override string GetString(int ordinal) => _inner.GetString(ordinal);

        public override object GetValue(int ordinal) => _inner.GetValue(ordinal);

        public override int GetValues(object[] values) => _inner.GetValues(values);

        public override bool IsDBNull(int ordinal) => _inner.IsDBNull(ordinal);

        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => _inner.IsDBNullAsync(ordinal, cancellationToken);

        public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => _inner.GetFieldValueAsync<T>(ordinal, cancellationToken);

        public override DataTable? GetSchemaTable() => _inner.GetSchemaTable();

        public override void Close() => _inner.Close();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
