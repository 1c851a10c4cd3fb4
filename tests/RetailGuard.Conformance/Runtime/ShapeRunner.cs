using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RetailGuard.Conformance.Runtime
{
    /// <summary>Everything one run of a shape observed: rows read, scalars, writes, its return value and its export.</summary>
    internal sealed class Observation
    {
        public Observation(IReadOnlyList<string> events, string returned, string exported, string? failure)
        {
            Events = events;
            Returned = returned;
            Exported = exported;
            Failure = failure;
        }

        /// <summary>Rows read, scalars and writes, in the order the database saw them.</summary>
        public IReadOnlyList<string> Events { get; }

        /// <summary>The return value as JSON (awaited when it is a task).</summary>
        public string Returned { get; }

        /// <summary>What the shape wrote to its export writer.</summary>
        public string Exported { get; }

        /// <summary>The exception the shape threw, if any: a shape must run.</summary>
        public string? Failure { get; }

        /// <summary>The first difference from another observation, or null when both observed the same.</summary>
        public string? DifferenceFrom(Observation other)
        {
            for (int i = 0; i < Math.Max(Events.Count, other.Events.Count); i++)
            {
                string a = i < Events.Count ? Events[i] : "(nothing)";
                string b = i < other.Events.Count ? other.Events[i] : "(nothing)";
                if (a != b)
                {
                    return "database: " + Shorten(a) + " / " + Shorten(b);
                }
            }

            if (Returned != other.Returned)
            {
                return "returned: " + Shorten(Returned) + " / " + Shorten(other.Returned);
            }

            return Exported != other.Exported ? "exported: " + Shorten(Exported) + " / " + Shorten(other.Exported) : null;
        }

        private static string Shorten(string s) => s.Length <= 160 ? s : s.Substring(0, 157) + "...";
    }

    /// <summary>Runs a shape on a fresh copy of one database and records what it observed.</summary>
    internal static class ShapeRunner
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            IncludeFields = true,
            ReferenceHandler = ReferenceHandler.IgnoreCycles,
        };

        public static Observation Run(MethodInfo shape, DataSet set)
        {
            var recorder = new Recorder();
            var connections = new List<SqliteConnection>();
            var contexts = new List<DbContext>();
            var export = new StringWriter();
            string returned = string.Empty;
            string? failure = null;
            try
            {
                var arguments = shape.GetParameters().Select(p => Argument(p.ParameterType, set, connections, contexts, export)).ToArray();
                Recorder.Current = recorder;
                object? result = shape.Invoke(null, arguments);
                if (result is Task task)
                {
                    task.GetAwaiter().GetResult();
                    result = task.GetType().GetProperty("Result")?.GetValue(task);
                }

                returned = JsonSerializer.Serialize(result, Json);
            }
            catch (Exception e)
            {
                // A shape must run; what it threw is reported as the reason it did not.
                failure = Describe(e is TargetInvocationException { InnerException: { } inner } ? inner : e);
            }
            finally
            {
                Recorder.Current = null;
                foreach (var context in contexts)
                {
                    context.Dispose();
                }

                foreach (var connection in connections)
                {
                    connection.Dispose();
                }
            }

            return new Observation(recorder.Events, returned, export.ToString(), failure);
        }

        private static string Describe(Exception e)
        {
            string text = e.GetType().Name + ": " + e.Message;
            return e.InnerException == null ? text : text + " -> " + Describe(e.InnerException);
        }

        private static object Argument(Type type, DataSet set, List<SqliteConnection> connections, List<DbContext> contexts, StringWriter export)
        {
            if (type == typeof(TextWriter))
            {
                return export;
            }

            if (typeof(DbContext).IsAssignableFrom(type))
            {
                var connection = Databases.Copy(type, set);
                connections.Add(connection);
                var context = Databases.Create(type, Databases.Options(type, connection), allowDefaults: false);
                contexts.Add(context);
                return context;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DbContextOptions<>))
            {
                var contextType = type.GetGenericArguments()[0];
                var connection = Databases.Copy(contextType, set);
                connections.Add(connection);
                return Databases.Options(contextType, connection);
            }

            throw new InvalidOperationException("a shape parameter must be a DbContext, DbContextOptions<TContext> or TextWriter, not " + type);
        }
    }
}
