namespace MultiTask.Generators.Model
{
    /// <summary>
    /// A model with declaration errors, or a trunk or head outside a model (MTL0017): nothing is generated but the
    /// implementations of the partial trunk and head properties, whose bodies throw, so that the compiler reports the MTL
    /// errors alone and not a CS9248 per property.
    /// </summary>
    /// <param name="HintName">The generated file's name, the one a model without errors gets.</param>
    /// <param name="Hierarchy">Where the model lives, with the type parameters after each generic name.</param>
    /// <param name="Keyword">How the type's partial part is declared: <c>class</c>, <c>record</c>, <c>struct</c>, ...</param>
    /// <param name="Properties">The partial properties to implement.</param>
    internal sealed record StubInfo(string HintName, HierarchyInfo Hierarchy, string Keyword, EquatableArray<StubPropertyInfo> Properties);

    /// <summary>A partial property as its definition declares it.</summary>
    /// <param name="Modifiers">The written modifiers without <c>partial</c>, each followed by a space: <c>public static </c>.</param>
    /// <param name="Type">The <c>global::</c>-qualified type, with its nullable annotation.</param>
    /// <param name="Name">The name as it must be written (<c>@class</c>), an indexer's <c>this[int index]</c>.</param>
    /// <param name="Accessors">The accessors with their modifiers, <c>get</c>, <c>private set</c>, <c>init</c>.</param>
    internal sealed record StubPropertyInfo(string Modifiers, string Type, string Name, EquatableArray<string> Accessors);
}
