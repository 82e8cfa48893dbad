using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>Malformed declarations: the generator never throws, and no error ever points into generated code.</summary>
    public sealed class RobustnessTests
    {
        private const string Head = "[BinaryHead] public partial Head Flag { get; }";

        /// <summary>A model <c>M</c> with <paramref name="body"/>.</summary>
        private static string M(string body) => $"using MultiTask;\n[MultiTaskModel(InputSize = 4)]\npublic partial class M\n{{\n{body}\n}}\n";

        /// <summary>Two valid heads, so that a case is about its own oddity and not about having one task.</summary>
        private const string Two = "[BinaryHead] public partial Head Flag { get; } [RegressionHead] public partial Head Value { get; }";

        /// <summary>A runtime weighting class <c>N.Method</c> and a model <c>N.M</c> with a trunk, two heads and <paramref name="attribute"/>; <paramref name="declarations"/> beside them.</summary>
        private static string Weighted(string attribute, string declarations, string trunk = "[SharedTrunk(8)] public partial Trunk Body { get; }")
            => "using System.Collections.Generic; using MultiTask; using TorchSharp; namespace N; "
               + "public sealed class Method(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(\"Method\", tasks) { public double Alpha { get; init; } public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total; } "
               + declarations
               + $" [MultiTaskModel(InputSize = 4)] [{attribute}] public partial class M {{ {trunk} {Two} }}";

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
            { "shared components outside a model", ["using MultiTask; public partial class NotAModel { [AutoencoderTrunk(2, 4)] public partial AutoencoderTrunk Code { get; } [MixtureOfExperts(Experts = 2, Hidden = new[] { 4 })] public partial MixtureOfExperts Experts { get; } }"] },
            { "soft sharing without the model attribute", [$"using MultiTask; [SoftSharing] public partial class NotAModel {{ {Two} }}"] },
            { "soft sharing with one head and a model learning rate", ["using MultiTask; [MultiTaskModel(InputSize = 4, LearningRate = 0.01)] [SoftSharing] public partial class M { [BinaryHead(Hidden = new[] { 4 }, LearningRate = 10)] public partial Head Flag { get; } }"] },

            // Attributes on members that are not properties.
            { "head attribute on an event", [M("[BinaryHead] public event System.Action? Changed; " + Two)] },
            { "head attribute on a local function", [M("public void F() { [BinaryHead] static Head G() => null!; G(); } " + Two)] },
            { "head attribute on a constructor", [M("[BinaryHead] public M(int x) : this() { } " + Two)] },
            { "head attribute on an indexer", [M("[BinaryHead] public partial Head this[int i] { get; } " + Two)] },
            { "head attribute on a nested class", [M("[BinaryHead] public class Inner { } " + Two)] },
            { "trunk attribute on a method parameter", [M("public void F([SharedTrunk(8)] int x) { } " + Two)] },
            { "model attribute on a local function", ["using MultiTask; public static class C { public static void F() { [MultiTaskModel(InputSize = 4)] static void G() { } G(); } }"] },
            { "model attribute on an interface", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial interface IM {{ }}"] },
            { "model attribute on an enum", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public enum E { A }"] },
            { "model attribute on a record struct", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial record struct M {{ {Two} }}"] },
            { "model attribute on a delegate", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public delegate void D();"] },
            { "model attribute on a property", [$"using MultiTask; public partial class C {{ [MultiTaskModel(InputSize = 4)] public int P {{ get; }} }}"] },
            { "heads in a class without the model attribute", [$"using MultiTask; public partial class NotAModel {{ {Two} }}"] },
            { "heads in a class nested in a model", [M("public partial class Inner { [BinaryHead] public partial Head Flag { get; } } " + Two)] },

            // Wrong argument types and missing arguments.
            { "bool where an int is expected", [M("[ClassificationHead(Classes = true)] public partial Head Kind { get; } " + Two)] },
            { "double where an int is expected", [M("[ClassificationHead(Classes = 2.5)] public partial Head Kind { get; } " + Two)] },
            { "strings in a tower", [M("[RegressionHead(Hidden = new[] { \"a\" })] public partial Head Size { get; } " + Two)] },
            { "enum of the wrong type", [M("[SharedTrunk(8, Activation = RegressionLoss.Huber)] public partial Trunk Body { get; } " + Two)] },
            { "int where an enum is expected", [M("[RegressionHead(Loss = 2)] public partial Head Size { get; } " + Two)] },
            { "positional argument on a head", [M("[BinaryHead(3)] public partial Head Extra { get; } " + Two)] },
            { "empty trunk argument list", [M("[SharedTrunk()] public partial Trunk Body { get; } " + Two)] },
            { "empty trunk array", [M("[SharedTrunk(new int[0])] public partial Trunk Body { get; } " + Two)] },
            { "named params argument", [M("[SharedTrunk(hidden: 8)] public partial Trunk Body { get; } " + Two)] },
            { "argument naming a read-only property", [M("[SharedTrunk(8, Hidden = new[] { 4 })] public partial Trunk Body { get; } " + Two)] },
            { "missing value after =", [M("[BinaryHead(Weight = )] public partial Head Extra { get; } " + Two)] },
            { "unterminated string argument", [M("[ClassificationHead(Classes = \"3)] public partial Head Kind { get; } " + Two)] },
            { "largest int values", ["using MultiTask; [MultiTaskModel(InputSize = int.MaxValue)] public partial class M { [ClassificationHead(Classes = int.MaxValue, TopK = int.MaxValue)] public partial Head Kind { get; } [RegressionHead(Outputs = int.MaxValue)] public partial Head Size { get; } }"] },
            { "infinite and tiny doubles", [M("[BinaryHead(Weight = double.PositiveInfinity, LearningRate = double.Epsilon, PositiveWeight = 1e308)] public partial Head Extra { get; } " + Two)] },
            { "constant expressions", ["using MultiTask; public static class Sizes { public const int In = 2 * 8; public const double Rate = 1.0 / 3; } [MultiTaskModel(InputSize = Sizes.In + 1, LearningRate = Sizes.Rate / 100)] public partial class M { [SharedTrunk(Sizes.In, Sizes.In / 2, Dropout = Sizes.Rate)] public partial Trunk Body { get; } " + Two + " }"] },
            { "model learning rate of the wrong type", [$"using MultiTask; [MultiTaskModel(InputSize = 4, LearningRate = \"fast\")] public partial class M {{ {Two} }}"] },

            // Loss weighting attributes.
            { "weighting attribute without [WeightingMethod]", [Weighted("Plain", "public sealed class PlainAttribute : LossWeightingAttribute { }")] },
            { "weighting method naming a missing class", [Weighted("Lost", "[WeightingMethod(\"N.Nowhere\")] public sealed class LostAttribute : LossWeightingAttribute { }")] },
            { "weighting method naming null", [Weighted("Null", "[WeightingMethod(null!)] public sealed class NullAttribute : LossWeightingAttribute { }")] },
            { "weighting method naming whitespace", [Weighted("Blank", "[WeightingMethod(\"  \")] public sealed class BlankAttribute : LossWeightingAttribute { }")] },
            { "weighting method given an int", [Weighted("Number", "[WeightingMethod(3)] public sealed class NumberAttribute : LossWeightingAttribute { }")] },
            { "weighting method without arguments", [Weighted("Empty", "[WeightingMethod] public sealed class EmptyAttribute : LossWeightingAttribute { }")] },
            { "weighting method naming a generic class", [Weighted("Gen", "[WeightingMethod(\"N.G`1\")] public sealed class GenAttribute : LossWeightingAttribute { } public sealed class G<T>(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(\"G\", tasks) { public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total; }")] },
            { "weighting method naming a struct", [Weighted("Struct", "[WeightingMethod(\"N.S\")] public sealed class StructAttribute : LossWeightingAttribute { } public struct S { }")] },
            { "weighting method naming an attribute", [Weighted("Self", "[WeightingMethod(\"N.SelfAttribute\")] public sealed class SelfAttribute : LossWeightingAttribute { }")] },
            { "weighting method naming a private nested class", [Weighted("Hidden", "[WeightingMethod(\"N.Outer+Inner\")] public sealed class HiddenAttribute : LossWeightingAttribute { } public class Outer { private sealed class Inner(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(\"Inner\", tasks) { public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total; } }")] },
            { "weighting method with Requires of the wrong type", [Weighted("Needy", "[WeightingMethod(\"N.Method\", Requires = 1)] public sealed class NeedyAttribute : LossWeightingAttribute { }")] },
            { "weighting method with every requirement flag", [Weighted("All", "[WeightingMethod(\"N.Method\", Requires = (WeightingRequirements)(-1))] public sealed class AllAttribute : LossWeightingAttribute { }")] },
            { "weighting requirement without a trunk", [Weighted("Grad", "[WeightingMethod(\"N.Method\", Requires = WeightingRequirements.SharedRepresentation)] public sealed class GradAttribute : LossWeightingAttribute { }", trunk: "")] },
            { "weighting requirement with a broken trunk", [Weighted("Grad", "[WeightingMethod(\"N.Method\", Requires = WeightingRequirements.SharedParameters)] public sealed class GradAttribute : LossWeightingAttribute { }", trunk: "[SharedTrunk(-8)] public partial Trunk Body { get; }")] },
            { "weighting setting of an array", [Weighted("Steps(Alpha = new[] { 1.0 })", "[WeightingMethod(\"N.Method\")] public sealed class StepsAttribute : LossWeightingAttribute { public double[]? Alpha { get; set; } }")] },
            { "weighting setting of a type", [Weighted("Kind(Alpha = typeof(int))", "[WeightingMethod(\"N.Method\")] public sealed class KindAttribute : LossWeightingAttribute { public System.Type? Alpha { get; set; } }")] },
            { "weighting setting of an unknown name", [Weighted("UncertaintyWeighting(Alpha = 1)", "")] },
            { "weighting setting given the wrong type", [Weighted("Set(Alpha = \"fast\")", "[WeightingMethod(\"N.Method\")] public sealed class SetAttribute : LossWeightingAttribute { public double Alpha { get; set; } }")] },
            { "weighting setting that is a field", [Weighted("Field(Alpha = 2)", "[WeightingMethod(\"N.Method\")] public sealed class FieldAttribute : LossWeightingAttribute { public double Alpha; }")] },
            { "weighting attribute with constructor arguments", [Weighted("Ctor(2)", "[WeightingMethod(\"N.Method\")] public sealed class CtorAttribute(int n) : LossWeightingAttribute { public int N => n; }")] },
            { "weighting attribute of an unknown type", [Weighted("NoSuchWeighting", "")] },
            { "weighting attribute on a property", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ [UncertaintyWeighting] public int P => 1; {Two} }}"] },
            { "two weighting attributes", [Weighted("UncertaintyWeighting, StaticWeighting", "")] },
            { "same weighting attribute twice", [Weighted("UncertaintyWeighting, UncertaintyWeighting", "")] },
            { "weighting attribute allowing several, twice", [Weighted("Many, Many", "[WeightingMethod(\"N.Method\")] [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)] public sealed class ManyAttribute : LossWeightingAttribute { }")] },
            { "weighting attribute through an abstract base", [Weighted("Derived(Alpha = 0.5)", "public abstract class BaseWeightingAttribute : LossWeightingAttribute { public double Alpha { get; set; } } [WeightingMethod(\"N.Method\")] public sealed class DerivedAttribute : BaseWeightingAttribute { }")] },
            { "weighting attribute named like the runtime's in another namespace", [Weighted("Other.UncertaintyWeighting", ""), "namespace Other { [MultiTask.WeightingMethod(\"N.Method\")] public sealed class UncertaintyWeightingAttribute : MultiTask.LossWeightingAttribute { } }"] },
            { "weighting attribute on a soft-sharing model", ["using MultiTask; [MultiTaskModel(InputSize = 4)] [SoftSharing] [UncertaintyWeighting] public partial class M { [RegressionHead(Hidden = [4])] public partial Head A { get; } [RegressionHead(Hidden = [4])] public partial Head B { get; } }"] },
            { "weighting attribute on a per-task-input model", ["using MultiTask; [MultiTaskModel(InputSize = 4, InputPerTask = true)] [UncertaintyWeighting] public partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } " + Two + " }"] },

            // Where the class lives.
            { "global namespace", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class GlobalM {{ {Two} }}"] },
            { "file-scoped namespace", [$"using MultiTask; namespace A.B.C; [MultiTaskModel(InputSize = 4)] internal partial class M {{ {Two} }}"] },
            { "nested namespaces", [$"using MultiTask; namespace A {{ namespace B.C {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }} }}"] },
            { "namespace named MultiTask", [$"namespace MultiTask.Models; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}"] },
            { "nested in a partial struct", [$"using MultiTask; public partial struct S {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }}"] },
            { "nested in a partial interface", [$"using MultiTask; public partial interface I {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }}"] },
            { "nested in a record struct", [$"using MultiTask; public partial record struct R {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }}"] },
            { "nested in a non-partial class", [$"using MultiTask; public class Outer {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }}"] },
            { "nested in a generic class", [$"using MultiTask; public partial class Outer<T> {{ public partial class Middle {{ [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }} }} }}"] },
            { "derived from an unknown base", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M : MissingBase {{ {Two} }}"] },
            { "keyword-named model", [$"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class @record {{ {Two} }}"] },
            { "model named like a runtime type", [$"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class Head {{ {Two} }}"] },
            { "head named like the model", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class Flag { [BinaryHead] public partial Head Flag { get; } [RegressionHead] public partial Head Value { get; } }"] },
            { "same class name in a namespace and the global namespace", [
                $"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}",
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}"] },

            // Partial classes over several files.
            { "partial class split over three files", [
                "using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } }",
                "using MultiTask; namespace N; public partial class M { [BinaryHead] public partial Head Flag { get; } }",
                "using MultiTask; namespace N; public partial class M { [RegressionHead] public partial Head Value { get; } public int Extra => 1; }"] },
            { "model attribute on the second part only", [
                $"using MultiTask; namespace N; public partial class M {{ {Two} }}",
                "using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M { }"] },
            { "one part not partial", [
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}",
                "namespace N; public class M { }"] },
            { "duplicate heads over two files", [
                $"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}",
                "using MultiTask; namespace N; public partial class M { [BinaryHead] public partial Head Flag { get; } }"] },

            // Preprocessor.
            { "#if'd head excluded", [M("#if NEVER\n[BinaryHead] public partial Head Extra { get; }\n#endif\n" + Two)] },
            { "#if'd head included", ["#define EXTRA\n" + M("#if EXTRA\n[BinaryHead] public partial Head Extra { get; }\n#endif\n" + Two)] },
            { "#if around the attribute only", [M("#if NEVER\n[BinaryHead]\n#endif\npublic partial Head Extra { get; } " + Two)] },
            { "#if'd model attribute", [$"using MultiTask;\n#if NEVER\n[MultiTaskModel(InputSize = 4)]\n#endif\npublic partial class M {{ {Two} }}"] },
            { "unterminated #if", [M("#if NEVER\n[BinaryHead] public partial Head Extra { get; }\n" + Two)] },
            { "#nullable disable", [$"#nullable disable\nusing MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two} }}"] },

            // Syntax errors inside the class.
            { "missing closing brace", [$"using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M {{ {Two}"] },
            { "property without a name", [M("[BinaryHead] public partial Head { get; } " + Two)] },
            { "garbage tokens", [M("@@@ ### ;;; " + Two + " ) ( ")] },
            { "half-written method", [M(Two + " public void F( { ")] },
            { "attribute list never closed", [M("[RegressionHead(Outputs = 2 public partial Head Extra { get; } " + Two)] },

            // Names and user members.
            { "head named like a keyword in camelCase", [M("[BinaryHead] public partial Head Event { get; } [RegressionHead] public partial Head Int { get; }")] },
            { "heads named Input and Shared", ["using MultiTask; [MultiTaskModel(InputSize = 4)] public partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } [BinaryHead] public partial Head Input { get; } [RegressionHead] public partial Head Shared { get; } }"] },
            { "unicode names", [M("[BinaryHead] public partial Head Ünïcode { get; } [RegressionHead] public partial Head Größe { get; }")] },
            { "user overload of forward", [M("public object forward() => this; public string Predict(int a, int b) => \"\"; " + Two)] },
            { "user nested type named Outputs", [M("public sealed class Outputs { } " + Two)] },
            { "user constructor with parameters", [M("public M(int seed) : this() => Seed = seed; public int Seed { get; } " + Two)] },
            { "user parameterless constructor", [M("public M() { } " + Two)] },
            { "alias for Head and the attribute", ["using MultiTask; using H = MultiTask.Head; using Bin = MultiTask.BinaryHeadAttribute; [MultiTaskModel(InputSize = 4)] public partial class M { [Bin] public partial H Flag { get; } [RegressionHead] public partial H Value { get; } }"] },
            { "fully qualified names", ["[global::MultiTask.MultiTaskModel(InputSize = 4)] public partial class M { [global::MultiTask.SharedTrunk(8)] public partial global::MultiTask.Trunk Body { get; } [MultiTask.BinaryHead] public partial MultiTask.Head Flag { get; } [MultiTask.RegressionHeadAttribute] public partial MultiTask.Head Value { get; } }"] },
            { "generic head type", [M("[BinaryHead] public partial Head<int> Extra { get; } " + Two)] },
            { "another type named Head", [$"using MultiTask; namespace N; public class Head {{ }} [MultiTaskModel(InputSize = 4)] public partial class M {{ [BinaryHead] public partial Head Flag {{ get; }} [RegressionHead] public partial MultiTask.Head Value {{ get; }} }}"] },
            { "source-declared MultiTaskModelAttribute", ["namespace MultiTask { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class MultiTaskModelAttribute : System.Attribute { } } namespace N { using MultiTask; [MultiTaskModel] public partial class M { " + Two + " } }"] },
            { "head attribute applied twice", [M("[BinaryHead][BinaryHead] public partial Head Extra { get; } " + Two)] },
            { "model attribute applied twice", [$"using MultiTask; [MultiTaskModel(InputSize = 4)][MultiTaskModel(InputSize = 8)] public partial class M {{ {Two} }}"] },
            { "partial property without accessibility", [M("[SharedTrunk(8)] partial Trunk Body { get; } [BinaryHead] private partial Head Extra { get; } [RegressionHead] protected internal partial Head Other { get; } " + Two)] },
            { "forty heads", [M(string.Concat(System.Linq.Enumerable.Range(0, 40).Select(i => $"[RegressionHead(Hidden = [{i + 1}])] public partial Head Task{i} {{ get; }} ")))] },
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
            Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("MTL", d.Id, System.StringComparison.Ordinal));

            // Nothing is dropped silently: the generator emitted code, or said why not (MTL), or the compiler did.
            bool generated = !run.Result.GeneratedSources.IsEmpty;
            bool reported = run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            bool compilerError = run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
            Assert.True(generated || reported || compilerError, $"{name}: no code, no MTL error and no compiler error");
        }

        /// <summary>
        /// A model with an MTL error still gets its partial members implemented (a body that throws), so the compiler adds no
        /// CS9248 "must have an implementation part" per member: only the MTL errors and the user's own compiler errors remain.
        /// </summary>
        [Theory]
        [MemberData(nameof(Corpus))]
        public void Malformed_model_gets_no_cascading_compiler_errors(string name, string[] sources)
        {
            GeneratorRun run = GeneratorHarness.Run(sources);

            // A CS9248 stays only where the generator owns no implementation: a partial property without a trunk or head
            // attribute (the user's own), or one in a type that cannot be extended or has another compiler error of its own.
            Diagnostic[] missing = run.CompilationDiagnostics.Where(d => d.Id == "CS9248" && !IsUsersOwn(run, d)).ToArray();
            Assert.True(missing.Length == 0, $"{name}: {missing.Length} CS9248:\n{string.Join("\n", missing.Select(d => d.ToString()))}");
            Diagnostic[] inGenerated = run.CompilationDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !run.Input.SyntaxTrees.Contains(tree))
                .ToArray();
            Assert.True(inGenerated.Length == 0, $"{name}: errors in generated code:\n{string.Join("\n", inGenerated.Select(d => d.ToString()))}");

            // Every compiler error left is the user's own: the compilation without the generator has it too.
            string[] own = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
            string[] added = run.CompilationDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS9248")
                .Select(d => d.ToString())
                .Except(own)
                .ToArray();
            Assert.True(added.Length == 0, $"{name}: compiler errors the generated code caused:\n{string.Join("\n", added)}");
        }

        /// <summary>
        /// A CS9248 the generator cannot prevent: on a property without a MultiTask trunk or head attribute, or in a type the
        /// compiler already rejects (another error of the user's code, e.g. an unknown type or a struct model) or that no other
        /// file can extend (not partial, or file-local: the MTL error says so).
        /// </summary>
        private static bool IsUsersOwn(GeneratorRun run, Diagnostic missing)
        {
            SyntaxTree tree = missing.Location.SourceTree!;
            SemanticModel semantics = run.Input.GetSemanticModel(tree);
            SyntaxNode? node = tree.GetRoot().FindNode(missing.Location.SourceSpan);
            ISymbol? property = node is null ? null : semantics.GetDeclaredSymbol(node);
            if (property is null || !property.GetAttributes().Any(a => a.AttributeClass is { ContainingNamespace.Name: "MultiTask" }))
            {
                return true;
            }

            for (INamedTypeSymbol? type = property.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.IsFileLocal || !type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax t && t.Modifiers.Any(m => m.Text == "partial")))
                {
                    return true;
                }
            }

            return run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS9248");
        }

        [Fact]
        public void A_model_with_errors_gets_only_its_properties_with_bodies_that_throw()
        {
            GeneratorRun run = GeneratorHarness.Run("using MultiTask; namespace N; [MultiTaskModel(InputSize = 0)] public partial class M { [SharedTrunk(8)] internal partial Trunk Body { get; } [BinaryHead] public partial Head @class { get; } [RegressionHead] public partial Head? Value { get; } }");

            Assert.Equal(["MTL0003", "MTL0004"], run.GeneratorDiagnostics.Select(d => d.Id).Order(System.StringComparer.Ordinal));
            Assert.Equal("N.M.g.cs", Assert.Single(run.Result.GeneratedSources).HintName);
            Assert.Equal(
                """
                // <auto-generated/>
                #nullable enable

                namespace N
                {
                    partial class M
                    {
                        // Declaration errors (the MTL diagnostics): only the trunk and head properties are implemented, so that the compiler adds no error of its own.
                        [global::System.CodeDom.Compiler.GeneratedCode("MultiTask.Generators", "1.0.0")]
                        internal partial global::MultiTask.Trunk Body => throw new global::System.InvalidOperationException("'M' has declaration errors (see the MTL diagnostics); its trunks and heads are not generated.");
                        [global::System.CodeDom.Compiler.GeneratedCode("MultiTask.Generators", "1.0.0")]
                        public partial global::MultiTask.Head @class => throw new global::System.InvalidOperationException("'M' has declaration errors (see the MTL diagnostics); its trunks and heads are not generated.");
                        [global::System.CodeDom.Compiler.GeneratedCode("MultiTask.Generators", "1.0.0")]
                        public partial global::MultiTask.Head? Value => throw new global::System.InvalidOperationException("'M' has declaration errors (see the MTL diagnostics); its trunks and heads are not generated.");
                    }
                }

                """.ReplaceLineEndings("\n"),
                run.SingleSource.ReplaceLineEndings("\n"));
        }

        [Fact]
        public void A_head_outside_a_model_gets_a_throwing_implementation_in_a_file_of_its_own()
        {
            GeneratorRun run = GeneratorHarness.Run(
                "using MultiTask; namespace N { public partial class NotAModel { [BinaryHead] public partial Head Flag { get; } [RegressionHead][BinaryHead] public partial Head Value { get; } } }",
                "using MultiTask; public partial class N { [BinaryHead] public partial Head NotAModel { get; } }");

            Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("MTL0017", d.Id));
            Assert.Equal(["N.NotAModel.Flag.Property.g.cs", "N.NotAModel.Property.g.cs", "N.NotAModel.Value.Property.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Id == "CS9248" || d.Location.SourceTree is { } tree && !run.Input.SyntaxTrees.Contains(tree));
        }

        /// <summary>The compiler's errors that docs/diagnostics/README.md explains ("Errors the C# compiler reports"), and nothing else.</summary>
        [Theory]
        [InlineData("[ClassificationHead(Classes = 3, SampleWeights = new[] { 1.0, 2.0, 1.0 })]", "CS0246")]
        [InlineData("[ClassificationHead(Classes = 3.5)]", "CS0266")]
        [InlineData("[RegressionHead(Hidden = 8)]", "CS0029")]
        public void An_attribute_mistake_the_compiler_owns_is_its_error_alone(string attribute, string id)
        {
            GeneratorRun run = GeneratorHarness.Run(M(attribute + " public partial Head Extra { get; } " + Two));

            Assert.Empty(run.GeneratorDiagnostics);
            Diagnostic[] errors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length > 0 && errors.All(d => d.Id == id), string.Join("\n", errors.Select(d => d.ToString())));
        }

        [Fact]
        public void Corpus_has_at_least_sixty_cases()
        {
            Assert.True(Corpus.Count >= 60, $"The corpus has {Corpus.Count} cases.");
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
                $"using MultiTask; namespace N; internal partial class M {{ {Head} [RegressionHead] public partial Head Value {{ get; }} }}");

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
