using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coursework.Grading.Tests;

/// <summary>
/// The public API of a C# file as lines of text: every public type and member, with bodies, initializers,
/// comments and XML docs left out. Two files with the same lines can replace each other in a build.
/// </summary>
internal static class PublicApi
{
    public static IReadOnlyList<string> Of(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        var lines = new List<string>();
        foreach (var type in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Where(IsVisible))
        {
            var name = TypeName(type);
            lines.Add($"{name}: {Signature(Header(type))}");
            if (type is TypeDeclarationSyntax declaration)
            {
                lines.AddRange(declaration.Members
                    .Where(member => member is not BaseTypeDeclarationSyntax && IsPublicMember(member, declaration))
                    .Select(member => $"{name}: {Signature(WithoutBodies(member))}"));
                if (declaration is ClassDeclarationSyntax && !declaration.Modifiers.Any(SyntaxKind.StaticKeyword) &&
                    !declaration.Members.OfType<ConstructorDeclarationSyntax>().Any(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)))
                {
                    lines.Add($"{name}: public {declaration.Identifier.Text}()"); // the constructor C# writes when none is declared
                }
            }
            else if (type is EnumDeclarationSyntax enumeration)
            {
                lines.AddRange(enumeration.Members.Select(member => $"{name}: {Signature(member)}"));
            }
        }

        return lines;
    }

    private static bool IsVisible(BaseTypeDeclarationSyntax type) =>
        type.Modifiers.Any(SyntaxKind.PublicKeyword) &&
        type.Ancestors().OfType<BaseTypeDeclarationSyntax>().All(outer => outer.Modifiers.Any(SyntaxKind.PublicKeyword));

    private static bool IsPublicMember(MemberDeclarationSyntax member, TypeDeclarationSyntax owner) =>
        owner is InterfaceDeclarationSyntax || member.Modifiers.Any(SyntaxKind.PublicKeyword) ||
        (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null }) ||
        (member is PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null });

    private static string TypeName(BaseTypeDeclarationSyntax type) =>
        string.Join('.', type.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Reverse().Select(t => t.Identifier.Text));

    /// <summary>The declaration line of a type, without its members.</summary>
    private static SyntaxNode Header(BaseTypeDeclarationSyntax type) => type switch
    {
        TypeDeclarationSyntax t => t.WithMembers([]).WithOpenBraceToken(default).WithCloseBraceToken(default).WithSemicolonToken(default),
        EnumDeclarationSyntax e => e.WithMembers([]).WithOpenBraceToken(default).WithCloseBraceToken(default),
        _ => type,
    };

    private static SyntaxNode WithoutBodies(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.WithBody(null).WithExpressionBody(null).WithSemicolonToken(default),
        ConstructorDeclarationSyntax c => c.WithBody(null).WithExpressionBody(null).WithInitializer(null).WithSemicolonToken(default),
        PropertyDeclarationSyntax p => p.WithInitializer(null).WithSemicolonToken(default).WithExpressionBody(null)
            .WithAccessorList(p.AccessorList is { } accessors
                ? SyntaxFactory.AccessorList(SyntaxFactory.List(accessors.Accessors
                    .Where(a => !a.Modifiers.Any(SyntaxKind.PrivateKeyword))
                    .Select(a => a.WithBody(null).WithExpressionBody(null).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken)))))
                : SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(
                    SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))))),
        FieldDeclarationSyntax f => f.WithDeclaration(f.Declaration.WithVariables(SyntaxFactory.SeparatedList(
            f.Declaration.Variables.Select(v => v.WithInitializer(null))))),
        OperatorDeclarationSyntax o => o.WithBody(null).WithExpressionBody(null).WithSemicolonToken(default),
        _ => member,
    };

    /// <summary>One line, with comments, docs and attributes' layout folded away.</summary>
    private static string Signature(SyntaxNode node)
    {
        var withoutTrivia = node.ReplaceTrivia(
            node.DescendantTrivia(descendIntoTrivia: true),
            (trivia, _) => trivia.IsKind(SyntaxKind.WhitespaceTrivia) || trivia.IsKind(SyntaxKind.EndOfLineTrivia) ? trivia : default);
        return withoutTrivia.NormalizeWhitespace(indentation: "", eol: " ").ToFullString().Trim();
    }
}
