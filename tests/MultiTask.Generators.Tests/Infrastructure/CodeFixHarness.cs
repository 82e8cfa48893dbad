using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace MultiTask.Generators.Tests.Infrastructure
{
    /// <summary>Applies a code fix to a generator diagnostic in an <see cref="AdhocWorkspace"/>, as an IDE would.</summary>
    internal static class CodeFixHarness
    {
        /// <summary>The generator's diagnostics for one document of a workspace project with the real references.</summary>
        public static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> Diagnose(AdhocWorkspace workspace, string source)
        {
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Create(),
                    "User",
                    "User",
                    LanguageNames.CSharp,
                    compilationOptions: GeneratorHarness.CompilationOptions,
                    parseOptions: GeneratorHarness.ParseOptions,
                    metadataReferences: GeneratorHarness.References))
                .AddDocument(documentId, "File0.cs", SourceText.From(source));
            Assert.True(workspace.TryApplyChanges(solution));

            Document document = workspace.CurrentSolution.GetDocument(documentId)!;
            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
            return (document, diagnostics);
        }

        /// <summary>
        /// Runs the generator on <paramref name="source"/>, asks <paramref name="provider"/> for its fixes of the diagnostic
        /// <paramref name="id"/> (the <paramref name="index"/>-th in source order), asserts exactly one fix titled
        /// <paramref name="title"/>, applies it and returns the new source text.
        /// </summary>
        public static async Task<string> Apply(CodeFixProvider provider, string source, string id, string title, int index = 0)
        {
            using var workspace = new AdhocWorkspace();
            (Document document, ImmutableArray<Diagnostic> diagnostics) = await Diagnose(workspace, source);
            Diagnostic diagnostic = diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ElementAt(index);
            Assert.Contains(id, provider.FixableDiagnosticIds);

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
            CodeAction fix = Assert.Single(actions);
            Assert.Equal(title, fix.Title);

            ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
            Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
            return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        }

        /// <summary>The fixes <paramref name="provider"/> offers for every diagnostic <paramref name="id"/> of <paramref name="source"/>.</summary>
        public static async Task<List<CodeAction>> Offered(CodeFixProvider provider, string source, string id)
        {
            using var workspace = new AdhocWorkspace();
            (Document document, ImmutableArray<Diagnostic> diagnostics) = await Diagnose(workspace, source);
            var actions = new List<CodeAction>();
            foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id == id))
            {
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }

            return actions;
        }
    }
}
