using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTask.Generators;

namespace MultiTask.Generators.Benchmarks;

/// <summary>
/// Times the MultiTask generator on a compilation of <see cref="ModelCount"/> model classes (one file each): a cold run (new
/// driver), a run after a one-line edit in one model, and the C# compiler alone on the same compilation with the generated
/// sources added (parse + bind + emit to memory, without the generator). Prints a Markdown table; medians of several runs.
/// Run: <c>dotnet run -c Release --project benchmarks/MultiTask.Generators.Benchmarks [-- repetitions]</c>.
/// </summary>
public static class Program
{
    private const int ModelCount = 100;
    private const int EditedModel = 42;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Concat(
        [
            MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MultiTask.Trunk).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MultiTask.MultiTaskModelAttribute).Assembly.Location),
        ])
        .ToImmutableArray();

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);

    public static int Main(string[] args)
    {
        int repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        string[] sources = Enumerable.Range(0, ModelCount).Select(Model).ToArray();
        string edited = sources[EditedModel].Replace("Classes = 10", "Classes = 11", StringComparison.Ordinal);
        if (edited == sources[EditedModel])
        {
            throw new InvalidOperationException("The edit changed nothing.");
        }

        // The generated sources, once, to build the compiler-only compilation and to check that everything compiles.
        GeneratorDriver check = Driver(track: false).RunGeneratorsAndUpdateCompilation(Compilation(Parse(sources)), out Compilation withGenerated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        string[] generated = check.GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()).ToArray();
        if (generated.Length != ModelCount || !generatorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"Expected {ModelCount} files and no diagnostics, got {generated.Length} files and {generatorDiagnostics.Length} diagnostics.");
        }

        using (var image = new MemoryStream())
        {
            var emitted = withGenerated.Emit(image);
            if (!emitted.Success)
            {
                throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
            }
        }

        int userLines = sources.Sum(s => s.Split('\n').Length);
        int generatedLines = generated.Sum(s => s.Split('\n').Length);

        // Warm-up (JIT of the compiler and the generator), then the measured runs.
        for (int i = 0; i < 3; i++)
        {
            CompilerOnly(sources, generated);
            GeneratorCold(sources);
            GeneratorAfterEdit(sources, edited, i);
        }

        var compiler = new List<double>();
        var compilerBindEmit = new List<double>();
        var cold = new List<double>();
        var edit = new List<double>();
        var unchanged = new List<double>();
        for (int i = 0; i < repetitions; i++)
        {
            (double total, double bindEmit) = CompilerOnly(sources, generated);
            compiler.Add(total);
            compilerBindEmit.Add(bindEmit);
            cold.Add(GeneratorCold(sources));
            (double afterEdit, double again) = GeneratorAfterEdit(sources, edited, i);
            edit.Add(afterEdit);
            unchanged.Add(again);
        }

        (int regenerated, int cached) = CountRegenerated(sources, edited);

        double compilerMs = Median(compiler);
        Console.WriteLine($"MultiTask generator benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($".NET {Environment.Version}, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}, generator {typeof(MultiTaskGenerator).Assembly.GetName().Version}");
        Console.WriteLine($"{ModelCount} models, {userLines} lines of user code, {generatedLines} generated lines; median of {repetitions} runs after 3 warm-up runs");
        Console.WriteLine();
        Console.WriteLine("| measurement | median ms | min ms | vs. compiler |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("C# compiler alone: parse + bind + emit of user and generated code", compiler, compilerMs);
        Row("  of which bind + emit (GetDiagnostics + Emit)", compilerBindEmit, compilerMs);
        Row("generator, cold (new driver, new compilation)", cold, compilerMs);
        Row("generator, after a one-line edit in one model", edit, compilerMs);
        Row("generator, run again with nothing changed", unchanged, compilerMs);
        Console.WriteLine();
        Console.WriteLine($"After the edit: {regenerated} file(s) re-emitted, {cached} cached (source output steps).");
        return 0;
    }

    /// <summary>A model of the DigitModel shape with sizes that vary with <paramref name="i"/>.</summary>
    private static string Model(int i) => $$"""
        using MultiTask;

        namespace Bench.Models{{i % 10}};

        /// <summary>Model {{i}}.</summary>
        [MultiTaskModel(InputSize = {{32 + i}})]
        public partial class Model{{i}}
        {
            /// <summary>The shared layers.</summary>
            [SharedTrunk({{64 + i}}, 32, Dropout = 0.1)]
            public partial Trunk Body { get; }

            /// <summary>A classification.</summary>
            [ClassificationHead(Classes = 10)]
            public partial Head Digit { get; }

            /// <summary>A binary task with a tower.</summary>
            [BinaryHead(Hidden = new[] { 16 }, Weight = 0.5, LearningRate = 3e-4)]
            public partial Head IsEven { get; }

            /// <summary>A regression.</summary>
            [RegressionHead(Outputs = {{1 + (i % 3)}}, Loss = RegressionLoss.Huber, HuberDelta = 0.5)]
            public partial Head Size { get; }

            /// <summary>User code beside the generated part.</summary>
            public int Index => {{i}};
        }
        """;

    private static SyntaxTree[] Parse(IEnumerable<string> sources)
        => sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")).ToArray();

    private static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create("Bench", trees, References, Options);

    private static GeneratorDriver Driver(bool track)
        => CSharpGeneratorDriver.Create(
            [new MultiTaskGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>The compiler without the generator: parse every file (user and generated), bind, report, emit.</summary>
    private static (double Total, double BindEmit) CompilerOnly(string[] sources, string[] generated)
    {
        var watch = Stopwatch.StartNew();
        CSharpCompilation compilation = Compilation(Parse(sources.Concat(generated)));
        double parsed = watch.Elapsed.TotalMilliseconds;
        compilation.GetDiagnostics();
        using var image = new MemoryStream();
        if (!compilation.Emit(image).Success)
        {
            throw new InvalidOperationException("The compilation failed.");
        }

        double total = watch.Elapsed.TotalMilliseconds;
        return (total, total - parsed);
    }

    /// <summary>A new driver on a new compilation of freshly parsed files: the generator's whole first run.</summary>
    private static double GeneratorCold(string[] sources)
    {
        CSharpCompilation compilation = Compilation(Parse(sources));
        GeneratorDriver driver = Driver(track: false);
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        double ms = watch.Elapsed.TotalMilliseconds;
        Require(driver.GetRunResult().GeneratedTrees.Length == ModelCount);
        return ms;
    }

    /// <summary>A warm driver, then one model file replaced by its edited text (or back): the time of that run, and of one more unchanged run.</summary>
    private static (double Edit, double Unchanged) GeneratorAfterEdit(string[] sources, string edited, int repetition)
    {
        SyntaxTree[] trees = Parse(sources);
        CSharpCompilation compilation = Compilation(trees);
        GeneratorDriver driver = Driver(track: false).RunGenerators(compilation);

        SyntaxTree editedTree = CSharpSyntaxTree.ParseText(repetition % 2 == 0 ? edited : edited.Replace("Classes = 11", "Classes = 12", StringComparison.Ordinal), ParseOptions, path: trees[EditedModel].FilePath);
        compilation = compilation.ReplaceSyntaxTree(trees[EditedModel], editedTree);
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        double editMs = watch.Elapsed.TotalMilliseconds;

        compilation = compilation.Clone();
        watch.Restart();
        driver = driver.RunGenerators(compilation);
        double unchangedMs = watch.Elapsed.TotalMilliseconds;
        Require(driver.GetRunResult().GeneratedTrees.Length == ModelCount);
        return (editMs, unchangedMs);
    }

    /// <summary>With step tracking on: how many source outputs the edit re-emitted (Modified/New) and how many stayed cached.</summary>
    private static (int Regenerated, int Cached) CountRegenerated(string[] sources, string edited)
    {
        SyntaxTree[] trees = Parse(sources);
        CSharpCompilation compilation = Compilation(trees);
        GeneratorDriver driver = Driver(track: true).RunGenerators(compilation);
        compilation = compilation.ReplaceSyntaxTree(trees[EditedModel], CSharpSyntaxTree.ParseText(edited, ParseOptions, path: trees[EditedModel].FilePath));
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        IncrementalStepRunReason[] reasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray();
        return (reasons.Count(r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New), reasons.Count(r => r == IncrementalStepRunReason.Cached));
    }

    private static void Row(string name, List<double> values, double compilerMs)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):F1} | {values.Min():F1} | {100 * Median(values) / compilerMs:F1} % |"));

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Unexpected generator output.");
        }
    }
}
