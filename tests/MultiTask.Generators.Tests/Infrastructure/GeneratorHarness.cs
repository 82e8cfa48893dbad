using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiTask.Generators.Tests.Infrastructure
{
    /// <summary>Builds compilations of user code against the real references and runs the generator over them.</summary>
    internal static class GeneratorHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Diagnose);

        /// <summary>.NET 10 reference assemblies, TorchSharp, the MultiTask runtime and MultiTask.Abstractions.</summary>
        public static readonly ImmutableArray<MetadataReference> References = Net100.References.All
            .Cast<MetadataReference>()
            .Concat(
            [
                MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(MultiTask.Trunk).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(MultiTask.MultiTaskModelAttribute).Assembly.Location),
            ])
            .ToImmutableArray();

        /// <summary>
        /// Nullable on, every warning wave. CS1701/CS1702 (TorchSharp is built against System.Runtime 8.0, unified with 10.0)
        /// are off as in every .NET SDK build (the SDK's default NoWarn); nothing else is.
        /// </summary>
        public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999)
            .WithSpecificDiagnosticOptions(
            [
                new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
                new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
            ]);

        /// <summary>A compilation of <paramref name="sources"/>, the i-th in a file named <c>File{i}.cs</c>.</summary>
        public static CSharpCompilation CreateCompilation(params string[] sources)
            => CSharpCompilation.Create(
                "UserAssembly",
                sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"File{i}.cs")),
                References,
                CompilationOptions);

        public static GeneratorDriver CreateDriver()
            => CSharpGeneratorDriver.Create(
                [new MultiTaskGenerator().AsSourceGenerator()],
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
        public static GeneratorRun Run(params string[] sources)
        {
            CSharpCompilation input = CreateCompilation(sources);
            GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            return new GeneratorRun(input, output, diagnostics, driver.GetRunResult().Results.Single());
        }
    }

    /// <param name="Input">The user's compilation.</param>
    /// <param name="Output">The compilation with the generated sources added.</param>
    /// <param name="GeneratorDiagnostics">What the generator reported (after the compiler's filtering, e.g. #pragma).</param>
    /// <param name="Result">The generator's run result: generated sources, exception, tracked steps.</param>
    internal sealed record GeneratorRun(Compilation Input, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorRunResult Result)
    {
        /// <summary>The single generated file's text.</summary>
        public string SingleSource => Result.GeneratedSources.Single().SourceText.ToString();

        /// <summary>Every diagnostic of the compilation with the generated code, warnings and errors included.</summary>
        public ImmutableArray<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics();
    }
}
