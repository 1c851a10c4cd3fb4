using System;
using System.Collections;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailGuard.Conformance.Runtime
{
    /// <summary>
    /// What one shape run read from and wrote to the database, in order. The run being recorded is held in an
    /// <see cref="AsyncLocal{T}"/>, so one interceptor instance serves every context (EF Core then keeps one internal
    /// service provider and builds each context's model once) and the seeding of databases is never recorded.
    /// </summary>
    internal sealed class Recorder
    {
        private static readonly AsyncLocal<Recorder?> CurrentRun = new AsyncLocal<Recorder?>();

        public static Recorder? Current
        {
            get => CurrentRun.Value;
            set => CurrentRun.Value = value;
        }

        public List<string> Events { get; } = new List<string>();

        public void Row(DbDataReader reader)
        {
            var values = new string[reader.FieldCount];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }

            Events.Add("row " + OneLine(string.Join(" | ", values)));
        }

        public void Scalar(object? value) => Events.Add("scalar " + Convert.ToString(value, CultureInfo.InvariantCulture));

        public void Wrote(DbCommand command, int rowsAffected)
        {
            var parameters = new List<string>();
            foreach (DbParameter p in command.Parameters)
            {
                parameters.Add(p.ParameterName + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture));
            }

            Events.Add("wrote " + rowsAffected.ToString(CultureInfo.InvariantCulture) + " rows: " + OneLine(command.CommandText) + " [" + string.Join(", ", parameters) + "]");
        }

        /// <summary>Column names can be SQL expressions spanning lines; one event is one line.</summary>
        private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }

    /// <summary>Hands EF Core a recording reader for every query and records scalars and writes.</summary>
    internal sealed class RecordingInterceptor : DbCommandInterceptor
    {
        public static readonly RecordingInterceptor Instance = new RecordingInterceptor();

        private RecordingInterceptor()
        {
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
            Recorder.Current is { } recorder ? new RecordingDataReader(result, recorder) : result;

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            new ValueTask<DbDataReader>(ReaderExecuted(command, eventData, result));

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Recorder.Current?.Scalar(result);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
            new ValueTask<object?>(ScalarExecuted(command, eventData, result));

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Recorder.Current?.Wrote(command, result);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            new ValueTask<int>(NonQueryExecuted(command, eventData, result));
    }

    /// <summary>A data reader that records each row when it is read, and otherwise only passes calls on.</summary>
    internal sealed class RecordingDataReader : DbDataReader
    {
        private readonly DbDataReader _inner;
        private readonly Recorder _recorder;

        public RecordingDataReader(DbDataReader inner, Recorder recorder)
        {
            _inner = inner;
            _recorder = recorder;
        }

        public override int Depth => _inner.Depth;

        public override int FieldCount => _inner.FieldCount;

        public override bool HasRows => _inner.HasRows;

        public override bool IsClosed => _inner.IsClosed;

        public override int RecordsAffected => _inner.RecordsAffected;

        public override int VisibleFieldCount => _inner.VisibleFieldCount;

        public override object this[int ordinal] => _inner[ordinal];

        public override object this[string name] => _inner[name];

        public override bool Read() => Recorded(_inner.Read());

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken) =>
            Recorded(await _inner.ReadAsync(cancellationToken).ConfigureAwait(false));

        public override bool NextResult() => _inner.NextResult();

        public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => _inner.NextResultAsync(cancellationToken);

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

        public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => _inner.GetFieldValueAsync<T>(ordinal, cancellationToken);

        public override float GetFloat(int ordinal) => _inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => _inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => _inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => _inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => _inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => _inner.GetName(ordinal);

        public override int GetOrdinal(string name) => _inner.GetOrdinal(name);

        public override string GetString(int ordinal) => _inner.GetString(ordinal);

        public override Stream GetStream(int ordinal) => _inner.GetStream(ordinal);

        public override TextReader GetTextReader(int ordinal) => _inner.GetTextReader(ordinal);

        public override object GetValue(int ordinal) => _inner.GetValue(ordinal);

        public override int GetValues(object[] values) => _inner.GetValues(values);

        public override bool IsDBNull(int ordinal) => _inner.IsDBNull(ordinal);

        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => _inner.IsDBNullAsync(ordinal, cancellationToken);

        public override System.Data.DataTable? GetSchemaTable() => _inner.GetSchemaTable();

        public override void Close() => _inner.Close();

        public override Task CloseAsync() => _inner.CloseAsync();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => _inner.DisposeAsync();

        private bool Recorded(bool more)
        {
            if (more)
            {
                _recorder.Row(_inner);
            }

            return more;
        }
    }
}
