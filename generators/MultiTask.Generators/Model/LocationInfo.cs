using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MultiTask.Generators.Model
{
    /// <summary>
    /// A diagnostic location that compares by value: file path, span and line span. It also keeps the syntax tree
    /// (compared by reference; a tree is immutable and is the same instance as long as its file is unchanged) so that
    /// <see cref="ToLocation"/> can rebuild a real source location: only a location in a syntax tree is checked against
    /// <c>#pragma warning disable</c> (dotnet/roslyn#68291). It travels only on the diagnostics output, never in a <see cref="ModelInfo"/>.
    /// </summary>
    internal sealed record LocationInfo(SyntaxTree? Tree, string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation()
            => Tree is not null ? Location.Create(Tree, Span) : Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree, location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }
    }
}
