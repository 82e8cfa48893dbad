using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Parsing
{
    /// <summary>MTL0014: members the user wrote in the model class that the generated part declares as well.</summary>
    internal static partial class Parser
    {
        /// <summary>
        /// MTL0014 for a member the user wrote whose name the generated part also declares: a nested record or class, a method
        /// with the same number of parameters, the parameterless constructor, or the field of a component, a task, the task
        /// list, the loss weighting or the soft-sharing penalty. What is generated depends on the model's plan (<paramref name="generatedMembers"/>).
        /// </summary>
        private static void CheckUserMembers(string model, List<ISymbol> members, List<Component> components, IReadOnlyList<GeneratedMember> generatedMembers, ParseState state)
        {
            var methods = new Dictionary<string, GeneratedMember>(StringComparer.Ordinal);
            var generated = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (GeneratedMember member in generatedMembers.Where(m => m.Emitted is not null))
            {
                if (member.Parameters is null)
                {
                    generated[member.Name] = member.Emitted!;
                }
                else
                {
                    methods[member.Name] = member;
                }
            }

            AddComponentFields(components, generated);
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
                if (methods.TryGetValue(member.Name, out GeneratedMember? method))
                {
                    if (member is not IMethodSymbol userMethod || userMethod.Parameters.Length == method.Parameters)
                    {
                        emitted = method.Emitted;
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

        /// <summary>The fields derived from the trunk's and heads' names: each component's, and each head's static task field.</summary>
        private static void AddComponentFields(List<Component> components, Dictionary<string, string> generated)
        {
            foreach (Component component in components)
            {
                string field = Literals.FieldName(component.Name);
                generated[field] = $"the field '{field}' that holds '{component.Name}'";

                if (component.Head is not null)
                {
                    generated[component.Name + "Task"] = $"the static field '{component.Name}Task' of the task '{component.Name}'";
                }
            }
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
    }
}
