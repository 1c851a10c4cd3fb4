using System;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RetailGuard.Conformance.Runtime
{
    /// <summary>
    /// In-memory SQLite databases for shape runs. A seeded template per schema and data set is created once with
    /// <c>EnsureCreated</c> from a context's own model (so TPH, TPT, TPC, owned and shared-type mappings get the tables
    /// they need); contexts whose models create the same schema share it, since the rows seeded depend only on the
    /// entity types mapped. Every run gets a fresh copy of the template through SQLite's backup API, so the writes of
    /// one run never reach another.
    /// </summary>
    internal static class Databases
    {
        private static readonly ConcurrentDictionary<Type, string> Schemas = new ConcurrentDictionary<Type, string>();

        private static readonly ConcurrentDictionary<(string Schema, DataSet Set), Lazy<SqliteConnection>> Templates =
            new ConcurrentDictionary<(string, DataSet), Lazy<SqliteConnection>>();

        /// <summary>A new open in-memory database with the seeded rows of <paramref name="set"/> for <paramref name="contextType"/>.</summary>
        public static SqliteConnection Copy(Type contextType, DataSet set)
        {
            string schema = Schemas.GetOrAdd(contextType, SchemaOf);
            var template = Templates.GetOrAdd((schema, set), _ => new Lazy<SqliteConnection>(() => CreateTemplate(contextType, set))).Value;
            var copy = new SqliteConnection("Data Source=:memory:");
            copy.Open();
            lock (template)
            {
                template.BackupDatabase(copy);
            }

            return copy;
        }

        /// <summary><c>DbContextOptions&lt;TContext&gt;</c> on <paramref name="connection"/>, with the recording interceptor.</summary>
        public static DbContextOptions Options(Type contextType, DbConnection connection)
        {
            var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            builder.UseSqlite(connection).AddInterceptors(RecordingInterceptor.Instance);
            return builder.Options;
        }

        /// <summary>
        /// Creates a context through its constructor whose first parameter takes the options. Further parameters get
        /// default values only when <paramref name="allowDefaults"/> is set (for creating the schema: EF Core builds a
        /// context type's model once, so a model never depends on constructor arguments).
        /// </summary>
        public static DbContext Create(Type contextType, DbContextOptions options, bool allowDefaults)
        {
            foreach (var constructor in contextType.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).OrderBy(c => c.GetParameters().Length))
            {
                var parameters = constructor.GetParameters();
                if (parameters.Length == 0 || !parameters[0].ParameterType.IsInstanceOfType(options) || (parameters.Length > 1 && !allowDefaults))
                {
                    continue;
                }

                var arguments = new object?[parameters.Length];
                arguments[0] = options;
                for (int i = 1; i < parameters.Length; i++)
                {
                    var type = parameters[i].ParameterType;
                    arguments[i] = type == typeof(string) ? string.Empty : type.IsValueType ? Activator.CreateInstance(type) : null;
                }

                return (DbContext)constructor.Invoke(arguments);
            }

            throw new InvalidOperationException(contextType + " has no constructor that takes DbContextOptions" + (allowDefaults ? string.Empty : " alone; let the shape take DbContextOptions<" + contextType.Name + "> and construct it"));
        }

        /// <summary>The context's create script and the names of its entity types: what decides the tables and the seeded rows.</summary>
        private static string SchemaOf(Type contextType)
        {
            using var unopened = new SqliteConnection("Data Source=:memory:");
            using var db = Create(contextType, Options(contextType, unopened), allowDefaults: true);
            return db.Database.GenerateCreateScript() + "\n" + string.Join(",", db.Model.GetEntityTypes().Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        private static SqliteConnection CreateTemplate(Type contextType, DataSet set)
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var db = Create(contextType, Options(contextType, connection), allowDefaults: true);
            db.Database.EnsureCreated();
            SeedData.Seed(db, set);
            return connection;
        }
    }
}
