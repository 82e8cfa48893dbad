using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>MTL0014: members the user wrote in the model class that the generated part declares as well.</summary>
    internal static partial class Parser
    {
        /// <summary>
        /// MTL0014 for a member the user wrote whose name the generated part also declares: a nested record or class, a method
        /// with the same number of parameters, the parameterless constructor, or the field of a component, a task, the task
        /// list, the loss weighting or the soft-sharing penalty. What is generated depends on the model's strategy (<paramref name="shape"/>).
        /// </summary>
        private static void CheckUserMembers(string model, List<ISymbol> members, List<Component> components, GeneratedShape shape, ParseState state)
        {
            Dictionary<string, (int Parameters, string Signature)> methods = GeneratedMethods(shape);
            Dictionary<string, string> generated = GeneratedTypesAndFields(components, shape);
            foreach (ISymbol member in members)
            {
                LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));
                if (location is null)
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false, Parameters.Length: 0 })
                {
                    state.Report(DiagnosticDescriptors.MemberCollidesWithGenerated, location, model, "a parameterless constructor", model + "()", "the parameterless constructor that builds the layers (initialize fields with initializers instead)");
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor })
                {
                    continue;
                }

                string? emitted = null;
                if (methods.TryGetValue(member.Name, out (int Parameters, string Signature) method))
                {
                    if (member is not IMethodSymbol userMethod || userMethod.Parameters.Length == method.Parameters)
                    {
                        emitted = $"the method '{method.Signature}'";
                    }
                }
                else if (generated.TryGetValue(member.Name, out string? what))
                {
                    emitted = what;
                }

                if (emitted is not null)
                {
                    state.Report(DiagnosticDescriptors.MemberCollidesWithGenerated, location, model, Describe(member), member.Name, emitted);
                }
            }
        }

        /// <summary>The methods of the generated model: their parameter count and signature.</summary>
        private static Dictionary<string, (int Parameters, string Signature)> GeneratedMethods(GeneratedShape shape)
        {
            string input = shape.InputPerTask ? "Inputs" : "Tensor";
            var methods = new Dictionary<string, (int Parameters, string Signature)>(StringComparer.Ordinal)
            {
                ["forward"] = (1, $"forward({input})"),
                ["ComputeLoss"] = shape.Trunk is AutoencoderTrunkInfo
                    ? (3, "ComputeLoss(Outputs, Targets, Tensor)")
                    : (2, "ComputeLoss(Outputs, Targets)"),
                ["Predict"] = (1, $"Predict({input})"),
                ["Summary"] = (0, "Summary()"),
                ["CreateTrainer"] = (1, "CreateTrainer(TrainingOptions?)"),
                ["Save"] = (1, "Save(string)"),
                ["Load"] = (1, "Load(string)"),
            };

            var signatures = new Dictionary<string, (int Parameters, string Signature)>(StringComparer.Ordinal)
            {
                ["Represent"] = (1, $"Represent({input})"),
                ["ReadHeads"] = (1, "ReadHeads(SharedRepresentation)"),
                ["RunTrunk"] = (1, "RunTrunk(Tensor?)"),
                ["RunHead"] = (2, "RunHead(Module<Tensor, Tensor>, Tensor?)"),
                ["RunTask"] = (2, "RunTask(Module<Tensor, Tensor>, Tensor?)"),
            };
            foreach (string helper in GeneratedHelpers(shape.Trunk, shape.InputPerTask))
            {
                methods[helper] = signatures[helper];
            }

            return methods;
        }

        /// <summary>The nested types and the fields of the generated model, with how a message names them.</summary>
        private static Dictionary<string, string> GeneratedTypesAndFields(List<Component> components, GeneratedShape shape)
        {
            var generated = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string record in new[] { "Outputs", "Targets", "Batch", "Losses", "Metrics", "Predictions" })
            {
                generated[record] = $"the nested record '{record}'";
            }

            if (shape.InputPerTask)
            {
                generated["Inputs"] = "the nested record 'Inputs' (one input per task)";
            }

            generated["TrainingOptions"] = "the nested class 'TrainingOptions'";
            generated["Trainer"] = "the nested class 'Trainer'";
            generated["Columns"] = "the nested class 'Columns'";
            generated["AllTasks"] = "the static field 'AllTasks' that lists the tasks";
            generated["lossWeighting"] = "the field 'lossWeighting' that holds the loss weighting";
            if (shape.Trunk is AutoencoderTrunkInfo { ReconstructionWeight: not 1 })
            {
                generated["ReconstructionLossWeight"] = "the static field 'ReconstructionLossWeight' that holds the reconstruction's weight";
            }

            if (shape.SoftSharing)
            {
                generated["softSharing"] = "the field 'softSharing' that holds the soft-sharing penalty";
            }

            foreach (Component component in components)
            {
                string field = Literals.FieldName(component.Name);
                generated[field] = $"the field '{field}' that holds '{component.Name}'";

                if (component.Head is not null)
                {
                    generated[component.Name + "Task"] = $"the static field '{component.Name}Task' of the task '{component.Name}'";
                }
            }

            return generated;
        }

        private static string Describe(ISymbol member) => member switch
        {
            IMethodSymbol => "a method",
            IPropertySymbol => "a property",
            IFieldSymbol => "a field",
            IEventSymbol => "an event",
            ITypeSymbol => "a type",
            _ => "a member",
        };

        /// <summary>What the generated part of a model declares beside the members every model has.</summary>
        /// <param name="InputPerTask">The model takes one input per task: an <c>Inputs</c> record and methods per task.</param>
        /// <param name="Trunk">The shared component (<c>Represent</c> and <c>ReadHeads</c>); an autoencoder trunk's <c>ComputeLoss</c> also takes the input.</param>
        /// <param name="SoftSharing">The model has <c>[SoftSharing]</c>: a <c>softSharing</c> field.</param>
        private sealed record GeneratedShape(bool InputPerTask, TrunkInfo? Trunk, bool SoftSharing);
    }
}
