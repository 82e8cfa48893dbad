using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using MultiTask.Generators.Plans;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>
    /// The name checks (MTL0010, MTL0014) read the members a model's plan declares; every member the emitter actually writes
    /// where a trunk's or head's name could meet it must be one of them, so the two cannot drift apart.
    /// </summary>
    public sealed class GeneratedMemberTests
    {
        [Theory]
        [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
        public void Every_emitted_member_a_name_could_meet_is_known_to_the_name_checks(string name)
        {
            GeneratorRun run = GeneratorHarness.Run(SnapshotCases.All[name]);
            ModelInfo[] models = run.Result.TrackedSteps[TrackingNames.Models]
                .SelectMany(step => step.Outputs)
                .Select(output => (ModelInfo)output.Value)
                .ToArray();
            Assert.NotEmpty(models);
            foreach (ModelInfo model in models)
            {
                string source = run.Result.GeneratedSources.Single(s => s.HintName == model.Hierarchy.HintName).SourceText.ToString();
                ClassDeclarationSyntax type = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
                    .First(c => c.Identifier.ValueText == model.Hierarchy.Name.TrimStart('@') && c.BaseList is not null);

                var components = new HashSet<string>(model.Heads.Select(h => h.Name).Concat(model.Fields.Select(f => f.Name)), System.StringComparer.Ordinal);
                var derived = new HashSet<string>(components, System.StringComparer.Ordinal);
                foreach (FieldInfo field in model.Fields)
                {
                    derived.Add(Literals.FieldName(field.Name));
                    derived.Add(field.Name + "Field");
                }

                if (model.Trunk is { } trunk)
                {
                    derived.Add(trunk.Name);
                    derived.Add(Literals.FieldName(trunk.Name));
                }

                foreach (HeadInfo head in model.Heads)
                {
                    derived.Add(Literals.FieldName(head.Name));
                    derived.Add(head.Name + "Task");
                }

                var known = new HashSet<string>(ModelMembers.Of(SharingPlan.For(model)).Select(m => m.Name), System.StringComparer.Ordinal);
                string[] unknown = MembersNamesCouldMeet(type, components, derived).Where(n => !known.Contains(n) && !derived.Contains(n)).Distinct().ToArray();
                Assert.True(unknown.Length == 0, $"{model.Hierarchy.Name}: emitted but unknown to the name checks: {string.Join(", ", unknown)}");
            }
        }

        [Fact]
        public void The_check_sees_a_member_the_plans_do_not_declare()
        {
            ClassDeclarationSyntax type = (ClassDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration("""
                partial class M : Base
                {
                    private readonly int extra;
                    public override string ToString() => "";
                    public sealed record Losses(Tensor Total, Tensor A, Tensor Penalty);
                }
                """)!;
            Assert.Equal(["A", "Losses", "Penalty", "Total", "extra"], MembersNamesCouldMeet(type, new HashSet<string> { "A" }, new HashSet<string> { "A" }).Distinct().Order(System.StringComparer.Ordinal));
        }

        /// <summary>
        /// The model's own members, the members of every nested type that has a member per head, and the other parameters
        /// (lambda parameters too) of every method with a parameter named after a head's field.
        /// </summary>
        private static IEnumerable<string> MembersNamesCouldMeet(ClassDeclarationSyntax model, HashSet<string> heads, HashSet<string> derived)
        {
            foreach (MemberDeclarationSyntax member in model.Members)
            {
                foreach (string name in Names(member))
                {
                    yield return name;
                }

                if (member is TypeDeclarationSyntax nested)
                {
                    string[] names = nested.Members.SelectMany(Names)
                        .Concat(nested.ParameterList?.Parameters.Select(p => p.Identifier.ValueText) ?? [])
                        .ToArray();
                    if (names.Any(heads.Contains))
                    {
                        foreach (string name in names)
                        {
                            yield return name;
                        }
                    }
                }
            }

            foreach (BaseMethodDeclarationSyntax method in model.DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                string[] parameters = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText)
                    .Concat(method.DescendantNodes().OfType<SimpleLambdaExpressionSyntax>().Select(l => l.Parameter.Identifier.ValueText))
                    .ToArray();
                if (parameters.Any(p => derived.Contains(p) && !heads.Contains(p)))
                {
                    foreach (string parameter in parameters)
                    {
                        yield return parameter;
                    }
                }
            }
        }

        /// <summary>The names a member declares; none for an override, whose name the checks read from the inherited class in the compilation.</summary>
        private static IEnumerable<string> Names(MemberDeclarationSyntax member) => member switch
        {
            _ when member.Modifiers.Any(SyntaxKind.OverrideKeyword) => [],
            FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
            PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => [property.Identifier.ValueText],
            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => [method.Identifier.ValueText],
            BaseTypeDeclarationSyntax type => [type.Identifier.ValueText],
            _ => [],
        };
    }
}
