using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// MTL0005 on a <c>Dropout = x</c> argument: clamps the value into [0, 1): a negative value (or NaN) becomes 0, and 1 or more
    /// becomes 0.5, the largest dropout in common use (a value just below 1 would drop nearly every unit).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampDropoutCodeFixProvider)), Shared]
    public sealed class ClampDropoutCodeFixProvider : CodeFixProvider
    {
        /// <summary>What a dropout of 1 or more is clamped to.</summary>
        public const double Maximum = 0.5;

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidArgument);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root is null || semanticModel is null
                    || root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "Dropout" } argument
                    || semanticModel.GetConstantValue(argument.Expression, context.CancellationToken) is not { HasValue: true, Value: { } value })
                {
                    continue;
                }

                double dropout = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                double clamped = dropout >= 1 ? Maximum : 0;
                if (dropout >= 0 && dropout < 1)
                {
                    continue;
                }

                string text = clamped.ToString("R", CultureInfo.InvariantCulture);
                ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(text, clamped))
                    .WithTriviaFrom(argument.Expression);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Clamp Dropout to {text}",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal))),
                        equivalenceKey: nameof(ClampDropoutCodeFixProvider)),
                    diagnostic);
            }
        }
    }
}
