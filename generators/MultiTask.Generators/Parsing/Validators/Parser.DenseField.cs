using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[Dense(size)]</c>: a positive size (MTL0050).</summary>
    internal static partial class Parser
    {
        private static FieldInfo ReadDenseField(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int size = reader.ConstructorInt(0) ?? 0;
            if (!reader.HasCompilerErrors)
            {
                CheckWidth(name, "size", size, reader.PositionalLocation(0), "the field", state);
            }

            return new DenseFieldInfo(name, accessibility, size);
        }
    }
}
