using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>Malformed declarations: the generator never throws, and no error ever points into generated code.</summary>
    public sealed class RobustnessTests
    {
        private const string Head = "[BinaryHead] public partial Head Flag { get; }";

        public static TheoryData<string, string[]> Corpus { get; } = new()
        {
            { "attribute on a method", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [BinaryHead] public Head F() => null!; {Head} }}"] },
            { "attribute on a field", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [SharedTrunk(8)] private Trunk? body; [RegressionHead] public partial Head Value { get; } }"] },
            { "model attribute on a method", ["using MultiTask; public partial class M { [MultiTaskModel(InputSize = 4)] public void F() { } }"] },
            { "model attribute on a struct", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial struct M {{ {Head} }}"] },
            { "string where an int is expected", [$"using MultiTask; [MultiTaskModel(InputSize = \"64\")] public partial class M {{ {Head} }}"] },
            { "string where a double is expected", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead(Weight = \"heavy\")] public partial Head Flag { get; } }"] },
            { "string in the trunk widths", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(8, \"16\")] public partial Trunk Body {{ get; }} {Head} }}"] },
            { "non-constant argument", [$"using MultiTask; [MultiTaskModel(InputSize = System.Environment.ProcessorCount)] public partial class M {{ {Head} }}"] },
            { "unknown named argument", [$"using MultiTask; [MultiTaskModel(InputSize = 4, Size = 3)] public partial class M {{ {Head} }}"] },
            { "missing InputSize", [$"using MultiTask; [MultiTaskModel] public partial class M {{ {Head} }}"] },
            { "syntax errors in the class", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead( public partial Head Flag { get; } [SharedTrunk(8,)] public partial Trunk { get; } void ("] },
            { "unterminated attribute", ["using MultiTask; [MultiTaskModel(InputSize = 4 public partial class M { }"] },
            { "unknown property type", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead] public partial Hed Flag { get; } }"] },
            { "null trunk widths", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(null)] public partial Trunk Body {{ get; }} {Head} }}"] },
            { "null tower", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead(Hidden = null)] public partial Head Flag { get; } }"] },
            { "partial class split over two files", [
                "using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } }",
                $"using MultiTask; namespace N; public partial class M {{ {Head} }}"] },
            { "model attribute on two parts", [
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} }}",
                "using MultiTask; namespace N; [MultiTaskModel(InputSize = 8)] public partial class M { }"] },
            { "same class name in two namespaces", [
                $"using MultiTask; namespace A {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} }} }}",
                $"using MultiTask; namespace B {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} }} }}"] },
            { "duplicate non-partial classes", [
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public class M {{ {Head} }}",
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public class M {{ {Head} }}"] },
            { "user implements the property", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} public partial Head Flag => null!; }}"] },
            { "attribute type unresolved", ["[MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead] public partial Head Flag { get; } }"] },
            { "typeof an unknown type", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(typeof(Missing), OutputSize = 8)] public partial Missing Body {{ get; }} {Head} }}"] },
            { "typeof an open generic", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(typeof(System.Collections.Generic.List<>), OutputSize = 8)] public partial Trunk Body {{ get; }} {Head} }}"] },
            { "typeof an interface", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead(Module = typeof(System.IDisposable))] public partial System.IDisposable Flag { get; } }"] },
            { "null module", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead(Module = null)] public partial Head Flag { get; } }"] },
            { "ambiguous null trunk", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(null)] public partial Trunk Body {{ get; }} {Head} }}"] },
            { "soft sharing twice", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] [SoftSharing] [SoftSharing] public partial class M {{ {Head} }}"] },
            { "soft sharing without heads", ["using MultiTask; [MultiTaskModel(InputSize = 4)] [SoftSharing] public partial class M { }"] },
            { "autoencoder with a string latent", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [AutoencoderTrunk(\"2\")] public partial AutoencoderTrunk Code {{ get; }} {Head} }}"] },
            { "experts with null widths", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [MixtureOfExperts(Experts = 2, Hidden = null)] public partial MixtureOfExperts Experts {{ get; }} {Head} }}"] },
            { "expert layer with the wrong property type", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [ProgressiveLayeredExtraction(SharedExperts = 1, Hidden = new[] {{ 4 }})] public partial Trunk Levels {{ get; }} {Head} }}"] },
            { "input per task not a bool", [$"using MultiTask; [MultiTaskModel(InputSize = 4, InputPerTask = 1)] public partial class M {{ {Head} }}"] },
            { "keyword-named head", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [BinaryHead] public partial Head @class { get; } }"] },
        };

        [Theory]
        [MemberData(nameof(Corpus))]
        public void Malformed_input_never_crashes_the_generator(string name, string[] sources)
        {
            GeneratorRun run = GeneratorHarness.Run(sources);

            Assert.True(run.Result.Exception is null, $"{name}: {run.Result.Exception}");
            Diagnostic[] all = [.. run.GeneratorDiagnostics, .. run.CompilationDiagnostics];
            Assert.DoesNotContain(all, d => d.Id is "CS8784" or "CS8785");
            Diagnostic[] inGenerated = run.CompilationDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !run.Input.SyntaxTrees.Contains(tree))
                .ToArray();
            Assert.True(inGenerated.Length == 0, $"{name}: errors in generated code:\n{string.Join("\n", inGenerated.Select(d => d.ToString()))}");
            Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location.IsInSource, $"{name}: {d.Id} has no source location"));
        }

        [Fact]
        public void Same_class_name_in_two_namespaces_generates_two_files()
        {
            GeneratorRun run = GeneratorHarness.Run(
                $"using MultiTask; namespace A {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} }} }}",
                $"using MultiTask; namespace B {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Head} }} }}");

            Assert.Equal(["A.M.g.cs", "B.M.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName).Order());
        }

        [Fact]
        public void Partial_class_split_over_two_files_is_one_model()
        {
            GeneratorRun run = GeneratorHarness.Run(
                "using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] internal partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } }",
                $"using MultiTask; namespace N; internal partial class M {{ {Head} }}");

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("flag = new global::MultiTask.Head(inputSize: 8,", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void Cancellation_is_honoured()
        {
            var cancelled = new System.Threading.CancellationToken(canceled: true);
            Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SnapshotCases.DigitModel);
            Assert.ThrowsAny<System.OperationCanceledException>(() => GeneratorHarness.CreateDriver().RunGenerators(compilation, cancelled));
        }
    }
}
