using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RetailGuard.Policy
{
    /// <summary>Finds the policy among the AdditionalFiles and binds it once per compilation.</summary>
    internal static class PolicyLoader
    {
        private static readonly ConditionalWeakTable<Compilation, Bound> Models = new ConditionalWeakTable<Compilation, Bound>();

        public static AdditionalText? FindPolicyFile(AnalyzerOptions options)
        {
            foreach (var file in options.AdditionalFiles)
            {
                if (PolicyDocument.IsPolicyFile(file.Path))
                {
                    return file;
                }
            }

            return null;
        }

        /// <summary>The policy bound to the compilation, or null when there is no readable policy.</summary>
        public static PolicyModel? Load(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var file = FindPolicyFile(options);
            if (file == null)
            {
                return null;
            }

            var document = PolicyDocument.Get(file, cancellationToken);
            if (document.IsUnreadable)
            {
                return null;
            }

            var bound = Models.GetValue(compilation, _ => new Bound());
            lock (bound)
            {
                if (bound.Model == null || !ReferenceEquals(bound.Model.Document, document))
                {
                    bound.Model = PolicyModel.Bind(document, compilation);
                }

                return bound.Model;
            }
        }

        private sealed class Bound
        {
            public PolicyModel? Model { get; set; }
        }
    }
}
