using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// Reads the arguments of one attribute application, checking every <see cref="TypedConstant"/>'s kind and type.
    /// A value of the wrong kind means the compiler has already reported an error: the reader records that in
    /// <see cref="HasCompilerErrors"/> and treats the argument as unset. A named argument is "set" when it is written.
    /// </summary>
    internal sealed class AttributeReader
    {
        private readonly AttributeData attribute;
        private readonly AttributeSyntax? syntax;

        public AttributeReader(AttributeData attribute, CancellationToken cancellationToken)
        {
            this.attribute = attribute;
            syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        }

        /// <summary>True when an argument has a value the compiler rejects (wrong type, unresolved constant...).</summary>
        public bool HasCompilerErrors { get; private set; }

        /// <summary>The attribute's name as written by users, e.g. <c>BinaryHead</c>.</summary>
        public string DisplayName => Parser.DisplayName(attribute.AttributeClass);

        public LocationInfo? AttributeLocation => LocationInfo.From(syntax);

        public bool IsSet(string name) => TryGetNamed(name, out _);

        public int? Int(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Primitive && value.Value is int result)
            {
                return result;
            }

            HasCompilerErrors = true;
            return null;
        }

        public double? Double(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Primitive && value.Value is double result)
            {
                return result;
            }

            HasCompilerErrors = true;
            return null;
        }

        public string? String(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Primitive && value.Value is string or null)
            {
                return value.Value as string;
            }

            HasCompilerErrors = true;
            return null;
        }

        public bool? Bool(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Primitive && value.Value is bool result)
            {
                return result;
            }

            HasCompilerErrors = true;
            return null;
        }

        /// <summary>An enum argument: the member name, or the number when no member has that value.</summary>
        public EnumValue? Enum(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Enum && value.Value is int number && value.Type is INamedTypeSymbol enumType)
            {
                foreach (ISymbol member in enumType.GetMembers())
                {
                    if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: int constant } field && constant == number)
                    {
                        return new EnumValue(field.Name, number, MemberNames(enumType));
                    }
                }

                return new EnumValue(null, number, MemberNames(enumType));
            }

            HasCompilerErrors = true;
            return null;
        }

        public ImmutableArray<int>? IntArray(string name)
            => TryGetNamed(name, out TypedConstant value) ? ToIntArray(value) : null;

        /// <summary>A named double array argument; null when unset or <c>null</c>.</summary>
        public ImmutableArray<double>? DoubleArray(string name)
            => TryGetNamed(name, out TypedConstant value) && !(value.Kind == TypedConstantKind.Array && value.IsNull) ? ToArray<double>(value) : null;

        /// <summary>The first constructor argument as an int array (a <c>params int[]</c> parameter).</summary>
        public ImmutableArray<int>? ConstructorIntArray()
        {
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
            {
                HasCompilerErrors = true;
                return null;
            }

            return ToIntArray(attribute.ConstructorArguments[0]);
        }

        /// <summary>The number of constructor arguments (a <c>params</c> array counts as one); -1 when the constructor is unresolved.</summary>
        public int ConstructorArgumentCount => attribute.AttributeConstructor is null ? -1 : attribute.ConstructorArguments.Length;

        /// <summary>Constructor argument <paramref name="index"/> as an int.</summary>
        public int? ConstructorInt(int index)
        {
            if (index >= attribute.ConstructorArguments.Length)
            {
                return null;
            }

            TypedConstant value = attribute.ConstructorArguments[index];
            if (value.Kind == TypedConstantKind.Primitive && value.Value is int result)
            {
                return result;
            }

            HasCompilerErrors = true;
            return null;
        }

        /// <summary>Constructor argument <paramref name="index"/> as an int array (a <c>params int[]</c> parameter).</summary>
        public ImmutableArray<int>? ConstructorIntArray(int index)
            => index < attribute.ConstructorArguments.Length ? ToIntArray(attribute.ConstructorArguments[index]) : null;

        /// <summary>True when the attribute is built by a constructor whose only parameter is a <see cref="System.Type"/>.</summary>
        public bool HasTypeConstructor
            => attribute.AttributeConstructor is { Parameters.Length: 1 } constructor
               && constructor.Parameters[0].Type is { Name: "Type", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>The type given to a constructor whose only parameter is a <see cref="System.Type"/>; null otherwise or for <c>null</c>.</summary>
        public ITypeSymbol? ConstructorType()
            => HasTypeConstructor && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Type, Value: ITypeSymbol type } ? type : null;

        /// <summary>A named <see cref="System.Type"/> argument; null when unset or <c>null</c>.</summary>
        public ITypeSymbol? Type(string name)
        {
            if (!TryGetNamed(name, out TypedConstant value))
            {
                return null;
            }

            if (value.Kind == TypedConstantKind.Type)
            {
                return value.Value as ITypeSymbol;
            }

            HasCompilerErrors = true;
            return null;
        }

        /// <summary>The source text of the named argument's value, or null when it is not written.</summary>
        public string? ArgumentText(string name) => NamedArgument(name)?.Expression.ToString();

        /// <summary>Where the named argument <paramref name="name"/> is written (<c>Name = value</c>); else the attribute.</summary>
        public LocationInfo? ArgumentLocation(string name) => LocationInfo.From(NamedArgument(name)) ?? AttributeLocation;

        /// <summary>Where element <paramref name="index"/> of the array given to the named argument is written.</summary>
        public LocationInfo? ElementLocation(string name, int index)
        {
            AttributeArgumentSyntax? argument = NamedArgument(name);
            return LocationInfo.From(ElementOf(argument?.Expression, index)) ?? LocationInfo.From(argument) ?? AttributeLocation;
        }

        /// <summary>Where positional argument <paramref name="index"/> is written; else the attribute.</summary>
        public LocationInfo? PositionalLocation(int index)
        {
            AttributeArgumentSyntax[] positional = Positional();
            return index < positional.Length ? LocationInfo.From(positional[index]) : AttributeLocation;
        }

        /// <summary>
        /// Where element <paramref name="index"/> of a <c>params</c> constructor parameter at position <paramref name="first"/>
        /// is written: inside one array argument, or as the (first + index)-th positional argument.
        /// </summary>
        public LocationInfo? ParamsElementLocation(int first, int index)
        {
            AttributeArgumentSyntax[] positional = Positional();
            if (positional.Length == first + 1 && ElementOf(positional[first].Expression, index) is { } element)
            {
                return LocationInfo.From(element);
            }

            return first + index < positional.Length ? LocationInfo.From(positional[first + index]) : AttributeLocation;
        }

        private AttributeArgumentSyntax[] Positional()
            => syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToArray() ?? [];

        private ImmutableArray<int>? ToIntArray(TypedConstant value) => ToArray<int>(value);

        private ImmutableArray<T>? ToArray<T>(TypedConstant value)
            where T : struct
        {
            if (value.Kind != TypedConstantKind.Array)
            {
                HasCompilerErrors = true;
                return null;
            }

            if (value.IsNull)
            {
                return ImmutableArray<T>.Empty;
            }

            ImmutableArray<T>.Builder result = ImmutableArray.CreateBuilder<T>(value.Values.Length);
            foreach (TypedConstant element in value.Values)
            {
                if (element.Kind != TypedConstantKind.Primitive || element.Value is not T number)
                {
                    HasCompilerErrors = true;
                    return null;
                }

                result.Add(number);
            }

            return result.MoveToImmutable();
        }

        private bool TryGetNamed(string name, out TypedConstant value)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name)
                {
                    value = pair.Value;
                    if (value.Kind == TypedConstantKind.Error)
                    {
                        HasCompilerErrors = true;
                        return false;
                    }

                    return true;
                }
            }

            value = default;
            return false;
        }

        private AttributeArgumentSyntax? NamedArgument(string name)
            => syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        private static SyntaxNode? ElementOf(ExpressionSyntax? expression, int index)
        {
            switch (expression)
            {
                case ArrayCreationExpressionSyntax { Initializer: { } initializer } when index < initializer.Expressions.Count:
                    return initializer.Expressions[index];
                case ImplicitArrayCreationExpressionSyntax { Initializer: var initializer } when index < initializer.Expressions.Count:
                    return initializer.Expressions[index];
                case CollectionExpressionSyntax collection when index < collection.Elements.Count:
                    return collection.Elements[index];
                default:
                    return null;
            }
        }

        private static string MemberNames(INamedTypeSymbol enumType)
            => string.Join(", ", enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name));
    }

    /// <summary>An enum argument's member name (null when the value is not a declared member), its number, and the declared members.</summary>
    internal sealed record EnumValue(string? Name, int Number, string Members);
}
