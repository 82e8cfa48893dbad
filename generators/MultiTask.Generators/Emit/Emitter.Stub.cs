using System.Linq;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Emit
{
    /// <summary>The part of a model with declaration errors, or of a type with trunks or heads that is not a model: the trunk and head properties, each throwing when read.</summary>
    internal static partial class Emitter
    {
        public static string EmitStub(StubInfo stub) => InGeneratedFile(stub.Hierarchy, writer => WriteStub(writer, stub));

        private static void WriteStub(IndentedWriter writer, StubInfo stub)
        {
            HierarchyInfo hierarchy = stub.Hierarchy;
            string fail = $"throw new global::System.InvalidOperationException({Literals.String($"'{ModelName(hierarchy.Name)}' has declaration errors (see the MTL diagnostics); its trunks and heads are not generated.")})";
            writer.Line($"partial {stub.Keyword} {hierarchy.Name}");
            writer.Open();
            writer.Line("// Declaration errors (the MTL diagnostics): only the trunk and head properties are implemented, so that the compiler adds no error of its own.");
            foreach (StubPropertyInfo property in stub.Properties)
            {
                writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"MultiTask.Generators\", \"{GeneratorVersion}\")]");
                string head = $"{property.Modifiers}partial {property.Type} {property.Name}";
                if (property.Accessors.Count == 1 && property.Accessors[0] == "get")
                {
                    writer.Line($"{head} => {fail};");
                }
                else
                {
                    writer.Line($"{head} {{ {string.Join(" ", property.Accessors.Select(a => $"{a} => {fail};"))} }}");
                }
            }

            writer.Close();
        }

        /// <summary>The model's name as the user reads it: without the <c>@</c> and the type parameters.</summary>
        private static string ModelName(string name)
        {
            int parameters = name.IndexOf('<');
            return (parameters < 0 ? name : name.Substring(0, parameters)).TrimStart('@');
        }
    }
}
