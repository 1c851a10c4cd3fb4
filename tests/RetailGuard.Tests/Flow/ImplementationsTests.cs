using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// The index of overrides and interface implementations is built from the names in base lists, without binding a base
    /// type. It may list too many candidates (checked against their symbols), never too few: every way C# lets a base list
    /// name a type has to reach the type below it.
    /// </summary>
    public class ImplementationsTests
    {
        private const string Source = @"
using System.Collections.Generic;
using Repo = Shop.Data.IRepository<int>;
using BaseAlias = Shop.Data.EntityRepository;

namespace Shop.Data
{
    public interface IRepository<T> { IEnumerable<T> All(); }
    public interface IReadRepository : IRepository<int> { }
    public abstract class EntityRepository { public abstract IEnumerable<int> Load(); public virtual string Name() => """"; }

    public class Direct : IRepository<int> { public IEnumerable<int> All() => new int[0]; }
    public class ViaDerivedInterface : IReadRepository { public IEnumerable<int> All() => new int[0]; }
    public class Qualified : global::Shop.Data.IRepository<int> { IEnumerable<int> IRepository<int>.All() => new int[0]; }
    public partial class Partial { public IEnumerable<int> All() => new int[0]; }
    public partial class Partial : IRepository<int> { }
    public class Inherited : InheritsAll, IRepository<int> { }
    public class InheritsAll { public IEnumerable<int> All() => new int[0]; }
    public class Outer { public class Nested : IRepository<int> { public IEnumerable<int> All() => new int[0]; } }
    public record Rec(int X) : IRepository<int> { public IEnumerable<int> All() => new int[0]; }
    public class Middle : EntityRepository { public override IEnumerable<int> Load() => new int[0]; }
    public class Bottom : Middle { public override IEnumerable<int> Load() => new int[0]; public override string Name() => ""b""; }
    public class SameNameElsewhere : Other.EntityRepository { public override IEnumerable<int> Load() => new int[0]; }
}

namespace Shop.Data.Other
{
    public abstract class EntityRepository { public abstract IEnumerable<int> Load(); }
}

namespace Shop.Web
{
    public class ThroughAlias : Repo { public IEnumerable<int> All() => new int[0]; }
    public class BaseThroughAlias : BaseAlias { public override IEnumerable<int> Load() => new int[0]; }
    public class Unrelated { public IEnumerable<int> All() => new int[0]; }
}
";

        [Fact]
        public async Task InterfaceMethod_ReachesEveryImplementation_HoweverTheBaseListNamesIt()
        {
            var (compilation, implementations) = await BuildAsync();
            var all = compilation.GetTypeByMetadataName("Shop.Data.IRepository`1")!.GetMembers("All").OfType<IMethodSymbol>().Single();

            var found = implementations.Of(all).Select(m => m.ContainingType.Name).OrderBy(n => n).ToArray();

            Assert.Equal(
                new[] { "Direct", "InheritsAll", "Nested", "Partial", "Qualified", "Rec", "ThroughAlias", "ViaDerivedInterface" },
                found);
        }

        [Fact]
        public async Task AbstractMethod_ReachesOverridesAtEveryDepth_AndNotATypeOfTheSameName()
        {
            var (compilation, implementations) = await BuildAsync();
            var load = compilation.GetTypeByMetadataName("Shop.Data.EntityRepository")!.GetMembers("Load").OfType<IMethodSymbol>().Single();

            var found = implementations.Of(load).Select(m => m.ContainingType.Name).OrderBy(n => n).ToArray();

            Assert.Equal(new[] { "BaseThroughAlias", "Bottom", "Middle" }, found);
        }

        [Fact]
        public async Task DirectlyBelow_BindsOnlyTheCandidatesOfTheTypesAskedAbout()
        {
            var (compilation, implementations) = await BuildAsync();
            var middle = compilation.GetTypeByMetadataName("Shop.Data.Middle")!;

            Assert.Equal(new[] { "Bottom" }, implementations.DirectlyBelow(middle).Select(t => t.Name).ToArray());
            Assert.Equal(1, implementations.TypesAsked);
        }

        private static async Task<(Compilation, Implementations)> BuildAsync()
        {
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Dispatch",
                new[] { CSharpSyntaxTree.ParseText(Source), CSharpSyntaxTree.ParseText(TestDomain.Source) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            return (compilation, AnalysisContext.For(compilation, policy).Implementations);
        }
    }
}
