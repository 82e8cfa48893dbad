using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Diagnostics;

namespace MultiTask.CodeFixes
{
    /// <summary>
    /// MTL0003: turns a property carrying a trunk or head attribute into <c>partial Trunk Name { get; }</c> or
    /// <c>partial Head Name { get; }</c>: the right type (not nullable), <c>partial</c>, get-only, no body or initializer, and
    /// without <c>static</c>, <c>virtual</c>, <c>abstract</c>, <c>override</c>, <c>sealed</c>, <c>extern</c>, <c>required</c> or <c>new</c>.
    /// Attributes, documentation and accessibility stay. Fields, methods and events get no fix (their repair is not obvious).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixComponentPropertyCodeFixProvider)), Shared]
    public sealed class FixComponentPropertyCodeFixProvider : CodeFixProvider
    {
        private static readonly SyntaxKind[] Dropped =
        [
            SyntaxKind.StaticKeyword, SyntaxKind.VirtualKeyword, SyntaxKind.AbstractKeyword, SyntaxKind.OverrideKeyword,
            SyntaxKind.SealedKeyword, SyntaxKind.ExternKeyword, SyntaxKind.RequiredKeyword, SyntaxKind.NewKeyword,
            SyntaxKind.ReadOnlyKeyword, SyntaxKind.PartialKeyword,
        ];

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidComponentMember);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not PropertyDeclarationSyntax property
                    || property.Identifier.Span != diagnostic.Location.SourceSpan
                    || Rewrite(property) is not { } fixedProperty
                    || fixedProperty.IsEquivalentTo(property, topLevel: false))
                {
                    continue;
                }

                string title = $"Make '{property.Identifier.ValueText}' 'partial {fixedProperty.Type.ToString().Replace("global::MultiTask.", string.Empty)} {property.Identifier.ValueText} {{ get; }}'";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(property, fixedProperty))),
                        equivalenceKey: nameof(FixComponentPropertyCodeFixProvider)),
                    diagnostic);
            }
        }

        /// <summary>The fixed property, or null when it has no trunk or head attribute.</summary>
        internal static PropertyDeclarationSyntax? Rewrite(PropertyDeclarationSyntax property)
        {
            AttributeSyntax? attribute = property.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => Kind(a) is not null);
            if (attribute is null)
            {
                return null;
            }

            bool qualified = attribute.Name is QualifiedNameSyntax or AliasQualifiedNameSyntax;
            string typeName = (qualified ? "global::MultiTask." : string.Empty) + Kind(attribute);
            TypeSyntax type = SyntaxFactory.ParseTypeName(typeName).WithTriviaFrom(property.Type);
            if (property.Type is NullableTypeSyntax nullable)
            {
                type = type.WithTrailingTrivia(nullable.QuestionToken.TrailingTrivia);
            }

            SyntaxTokenList modifiers = SyntaxFactory.TokenList(property.Modifiers.Where(m => !Dropped.Contains(m.Kind())));
            SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            PropertyDeclarationSyntax result = property;
            if (modifiers.Count == 0)
            {
                // The declaration's leading trivia (indentation) sits on the first modifier or on the type.
                SyntaxTriviaList leading = property.Modifiers.Count > 0 ? property.Modifiers[0].LeadingTrivia : property.Type.GetLeadingTrivia();
                partial = partial.WithLeadingTrivia(leading);
                type = type.WithLeadingTrivia();
            }
            else if (property.Modifiers.Count > 0 && modifiers[0] != property.Modifiers[0])
            {
                modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(property.Modifiers[0].LeadingTrivia));
            }

            SyntaxTriviaList end = property.SemicolonToken.IsKind(SyntaxKind.None)
                ? (property.AccessorList?.CloseBraceToken.TrailingTrivia ?? property.ExpressionBody?.GetTrailingTrivia() ?? SyntaxFactory.TriviaList())
                : property.SemicolonToken.TrailingTrivia;
            AccessorListSyntax accessors = SyntaxFactory.AccessorList(
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonList(
                        SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration)
                            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(SyntaxFactory.Space))),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(end));

            return result
                .WithModifiers(modifiers.Add(partial))
                .WithType(type)
                .WithIdentifier(property.Identifier.WithTrailingTrivia(SyntaxFactory.Space))
                .WithAccessorList(accessors)
                .WithExpressionBody(null)
                .WithInitializer(null)
                .WithSemicolonToken(default);
        }

        private static string? Kind(AttributeSyntax attribute) => Syntax.ShortName(attribute) switch
        {
            "SharedTrunk" => "Trunk",
            "ClassificationHead" or "BinaryHead" or "RegressionHead" => "Head",
            _ => null,
        };
    }
}
