using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using MultiTask.Generators.Parsing;

namespace MultiTask.Generators
{
    /// <summary>
    /// Generates the TorchSharp module, typed records, loss and trainer of every class marked <c>[MultiTaskModel]</c>.
    /// Pipeline only: <see cref="Parser"/> builds an equatable model, <see cref="Emitter"/> writes it.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class MultiTaskGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ModelResult> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Parser.ModelAttributeName,
                    predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    transform: static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
                .Where(static result => result is not null)
                .Select(static (result, _) => result!)
                .WithTrackingName(TrackingNames.Results);

            IncrementalValuesProvider<ModelInfo> models = results
                .Select(static (result, _) => result.Model)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.Models);

            IncrementalValuesProvider<StubInfo> stubs = results
                .Select(static (result, _) => result.Stub)
                .Where(static stub => stub is not null)
                .Select(static (stub, _) => stub!)
                .WithTrackingName(TrackingNames.Stubs);

            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
                .Select(static (result, _) => result.Diagnostics)
                .Where(static diagnostics => !diagnostics.IsEmpty)
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
            {
                foreach (DiagnosticInfo diagnostic in diagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            // A trunk or head attribute in a type without [MultiTaskModel] (MTL0017): one provider per attribute class.
            foreach (string attributeName in Parser.ComponentAttributeNames)
            {
                IncrementalValuesProvider<OutsideModelResult> outside = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        attributeName,
                        predicate: static (node, _) => node is PropertyDeclarationSyntax,
                        transform: static (context, cancellationToken) => Parser.ParseComponentOutsideModel(context, cancellationToken))
                    .Where(static result => result is not null)
                    .Select(static (result, _) => result!)
                    .WithTrackingName(TrackingNames.ComponentsOutsideModels);

                context.RegisterSourceOutput(outside.Select(static (result, _) => result.Diagnostic), static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));
                IncrementalValuesProvider<StubInfo> outsideStubs = outside
                    .Select(static (result, _) => result.Stub)
                    .Where(static stub => stub is not null)
                    .Select(static (stub, _) => stub!);
                context.RegisterSourceOutput(outsideStubs, static (context, stub) =>
                    context.AddSource(stub.HintName, SourceText.From(Emitter.EmitStub(stub), Encoding.UTF8)));
            }

            context.RegisterSourceOutput(models, static (context, model) =>
                context.AddSource(model.Hierarchy.HintName, SourceText.From(Emitter.Emit(model), Encoding.UTF8)));

            // A model with errors: its partial properties only, so the compiler adds no CS9248 to the MTL errors.
            context.RegisterSourceOutput(stubs, static (context, stub) =>
                context.AddSource(stub.HintName, SourceText.From(Emitter.EmitStub(stub), Encoding.UTF8)));
        }
    }

    /// <summary>Names of the tracked pipeline steps, for incrementality tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The parser's output per model: the model (or null) and its diagnostics.</summary>
        public const string Results = "MultiTask.Results";

        /// <summary>The models to emit, without diagnostics: the source output depends on this step only.</summary>
        public const string Models = "MultiTask.Models";

        /// <summary>The models with declaration errors whose partial properties are implemented with a body that throws.</summary>
        public const string Stubs = "MultiTask.Stubs";

        /// <summary>The non-empty diagnostics per model.</summary>
        public const string Diagnostics = "MultiTask.Diagnostics";

        /// <summary>MTL0017 per trunk or head attribute in a type that is not a model.</summary>
        public const string ComponentsOutsideModels = "MultiTask.ComponentsOutsideModels";
    }
}
