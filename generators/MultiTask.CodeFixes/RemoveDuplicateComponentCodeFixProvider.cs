using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Diagnostics;

namespace MultiTask.CodeFixes
{
    /// <summary>
    /// MTL0007 (a head whose name equals another's but for letter case) and MTL0006 (a second shared component: trunk,
    /// autoencoder trunk, mixture of experts or PLE): removes the reported property, the later of the two, with its attributes
    /// and documentation.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateComponentCodeFixProvider)), Shared]
    public sealed class RemoveDuplicateComponentCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DuplicateName, DiagnosticIds.MultipleTrunks);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode? reported = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
                PropertyDeclarationSyntax? property = reported?.AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault();
                if (root is null || property is null)
                {
                    continue;
                }

                string what = diagnostic.Id == DiagnosticIds.MultipleTrunks ? SecondComponent(reported!) : "duplicate";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove the {what} '{property.Identifier.ValueText}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(property, SyntaxRemoveOptions.KeepNoTrivia)!)),
                        equivalenceKey: nameof(RemoveDuplicateComponentCodeFixProvider)),
                    diagnostic);
            }
        }

        /// <summary>"second trunk" for a <c>[SharedTrunk]</c>, "second shared component" for an autoencoder, experts or PLE layer.</summary>
        private static string SecondComponent(SyntaxNode reported)
        {
            AttributeSyntax? attribute = reported.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            return attribute is null || Syntax.ShortName(attribute) == "SharedTrunk" ? "second trunk" : "second shared component";
        }
    }
}
