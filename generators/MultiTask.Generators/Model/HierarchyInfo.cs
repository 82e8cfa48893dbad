namespace MultiTask.Generators.Model
{
    /// <summary>A type that contains the model, outermost first; <see cref="Keyword"/> is how its partial part is declared.</summary>
    internal sealed record ContainingTypeInfo(string Name, string Keyword);

    /// <summary>Where the model lives: its namespace (empty for the global namespace), containing types and name.</summary>
    internal sealed record HierarchyInfo(string Namespace, EquatableArray<ContainingTypeInfo> ContainingTypes, string Name)
    {
        /// <summary>The <c>global::</c>-qualified name of the model, e.g. <c>global::Samples.Outer.DigitModel</c>.</summary>
        public string FullyQualifiedName
        {
            get
            {
                var builder = new System.Text.StringBuilder("global::");
                if (Namespace.Length > 0)
                {
                    builder.Append(Namespace).Append('.');
                }

                foreach (ContainingTypeInfo type in ContainingTypes)
                {
                    builder.Append(type.Name).Append('.');
                }

                return builder.Append(Name).ToString();
            }
        }

        /// <summary><c>{Namespace}.{Containing types}.{Name}.g.cs</c>; just <c>{Name}.g.cs</c> in the global namespace.</summary>
        public string HintName => FullyQualifiedName.Substring("global::".Length).Replace("@", string.Empty) + ".g.cs";
    }
}
