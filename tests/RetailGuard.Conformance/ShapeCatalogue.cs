using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Sales.Conformance;

namespace RetailGuard.Conformance
{
    /// <summary>One shapes assembly: the compiled assembly the runtime runs, and the source folder the analysis compiles.</summary>
    internal sealed class ShapeAssembly
    {
        public ShapeAssembly(Assembly assembly, string folder)
        {
            Assembly = assembly;
            Folder = folder;
        }

        public Assembly Assembly { get; }

        /// <summary>The project folder below the repository root; every .cs file in it outside bin/obj is a source.</summary>
        public string Folder { get; }

        public string Name => Assembly.GetName().Name!;
    }

    /// <summary>A conformance shape found by reflection.</summary>
    internal sealed class Shape
    {
        public Shape(MethodInfo method, ShapeAttribute attribute)
        {
            Method = method;
            Attribute = attribute;
        }

        public MethodInfo Method { get; }

        public ShapeAttribute Attribute { get; }

        /// <summary>The declaring type's name and the method's name, as the analysis names it too.</summary>
        public string Name => NameOf(Method);

        public ShapeKind Kind => Attribute.Kind;

        public static string NameOf(MethodInfo method) => method.DeclaringType!.Name + "." + method.Name;

        public override string ToString() => Name;
    }

    /// <summary>Every shape of the shapes assemblies.</summary>
    internal static class ShapeCatalogue
    {
        private static readonly Lazy<IReadOnlyList<Shape>> AllShapes = new Lazy<IReadOnlyList<Shape>>(Discover);

        /// <summary>The shapes assemblies: the main one and the one whose whole assembly its contexts scan for configurations.</summary>
        public static IReadOnlyList<ShapeAssembly> Assemblies { get; } = new[]
        {
            new ShapeAssembly(typeof(Sales.Shapes.SalesContext).Assembly, Path.Combine("tests", "RetailGuard.Conformance.Shapes")),
            new ShapeAssembly(typeof(Sales.Shapes.Scanned.ScanningContext).Assembly, Path.Combine("tests", "RetailGuard.Conformance.Shapes.Scanned")),
        };

        public static IReadOnlyList<Shape> Shapes => AllShapes.Value;

        public static Shape Get(string name) => Shapes.Single(s => s.Name == name);

        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private static IReadOnlyList<Shape> Discover() => Assemblies
            .SelectMany(a => a.Assembly.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<ShapeAttribute>()))
            .Where(x => x.Attribute != null)
            .Select(x => new Shape(x.Method, x.Attribute!))
            .OrderBy(s => s.Kind)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
