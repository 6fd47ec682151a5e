using System.Globalization;
using System.Text.Json.Nodes;
using Kind = IntegrationHub.ProviderSim.GitHub.GitHubGraphQlTokenKind;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Recursive descent over one query operation (https://spec.graphql.org/October2021/#sec-Document): an optional
/// <c>query Name($v: Type! = default)</c> header, then selection sets of fields with aliases and arguments, and inline
/// fragments with a type condition (<c>... on Commit { ... }</c>, the only way to reach a Commit's fields from a ref's
/// <c>target</c>, a GitObject). Variables are substituted while parsing, so the tree carries plain values. Mutations,
/// subscriptions, named fragments and directives are not part of the subset the hub sends and are refused with an error
/// entry, as an unknown field would be.
/// </summary>
internal sealed class GitHubGraphQlParser
{
    private readonly List<GitHubGraphQlToken> _tokens;
    private readonly JsonObject _variables;
    private readonly Dictionary<string, JsonNode?> _declared = new(StringComparer.Ordinal);
    private int _at;

    private GitHubGraphQlParser(string source, JsonObject? variables)
    {
        _tokens = GitHubGraphQlLexer.Tokenize(source);
        _variables = variables ?? [];
    }

    /// <summary>The operation's top-level selections; throws <see cref="GitHubGraphQlException"/> for anything else.</summary>
    public static IReadOnlyList<GitHubGraphQlField> Parse(string source, JsonObject? variables) => new GitHubGraphQlParser(source, variables).Document();

    private GitHubGraphQlToken Peek => _tokens[_at];

    private IReadOnlyList<GitHubGraphQlField> Document()
    {
        if (Peek.Kind == Kind.End) throw Error("Parse error on end of file (EOF)");
        if (!IsPunct("{"))
        {
            var keyword = Expect(Kind.Name);
            if (keyword.Text != "query")
            {
                throw new GitHubGraphQlException($"The simulator serves queries only, not '{keyword.Text}'", keyword.Line, keyword.Column);
            }

            if (Peek.Kind == Kind.Name) _at++; // the operation's name
            if (IsPunct("(")) VariableDefinitions();
            RefuseDirective();
        }

        var selections = SelectionSet();
        if (Peek.Kind != Kind.End) throw Error("The simulator serves one operation per document; parse error on " + Describe(Peek));
        return selections;
    }

    private void VariableDefinitions()
    {
        ExpectPunct("(");
        do
        {
            var dollar = ExpectPunct("$");
            var name = Expect(Kind.Name).Text;
            ExpectPunct(":");
            var (type, nonNull) = Type();
            var value = _variables[name]?.DeepClone();
            if (IsPunct("="))
            {
                _at++;
                var fallback = Value(constant: true);
                value ??= fallback;
            }

            if (nonNull && value is null)
            {
                throw new GitHubGraphQlException($"Variable ${name} of type {type} was provided invalid value", dollar.Line, dollar.Column);
            }

            _declared[name] = value;
        }
        while (!IsPunct(")"));
        _at++;
    }

    private (string Type, bool NonNull) Type()
    {
        string text;
        if (IsPunct("["))
        {
            _at++;
            text = "[" + Type().Type + "]";
            ExpectPunct("]");
        }
        else
        {
            text = Expect(Kind.Name).Text;
        }

        if (!IsPunct("!")) return (text, false);
        _at++;
        return (text + "!", true);
    }

    private List<GitHubGraphQlField> SelectionSet()
    {
        ExpectPunct("{");
        var fields = new List<GitHubGraphQlField>();
        do
        {
            if (IsPunct("..."))
            {
                fields.Add(InlineFragment());
                continue;
            }

            var first = Expect(Kind.Name);
            string? alias = null;
            var name = first.Text;
            if (IsPunct(":"))
            {
                _at++;
                alias = name;
                name = Expect(Kind.Name).Text;
            }

            var arguments = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            if (IsPunct("("))
            {
                _at++;
                do
                {
                    var argument = Expect(Kind.Name).Text;
                    ExpectPunct(":");
                    arguments[argument] = Value(constant: false);
                }
                while (!IsPunct(")"));
                _at++;
            }

            RefuseDirective();
            var selections = IsPunct("{") ? SelectionSet() : null;
            fields.Add(new GitHubGraphQlField(alias, name, arguments, selections, first.Line, first.Column));
        }
        while (!IsPunct("}"));
        _at++;
        return fields;
    }

    /// <summary><c>... on Type { selections }</c>; a named fragment spread or a fragment without a type condition is refused.</summary>
    private GitHubGraphQlField InlineFragment()
    {
        var spread = _tokens[_at++];
        if (Peek.Kind != Kind.Name || Peek.Text != "on")
        {
            throw new GitHubGraphQlException("Only inline fragments with a type condition (... on Type) are supported by the simulator", spread.Line, spread.Column);
        }

        _at++;
        var type = Expect(Kind.Name).Text;
        RefuseDirective();
        return new GitHubGraphQlField(null, "...", new Dictionary<string, JsonNode?>(), SelectionSet(), spread.Line, spread.Column) { On = type };
    }

    private JsonNode? Value(bool constant)
    {
        var token = Peek;
        _at++;
        switch (token.Kind)
        {
            case Kind.Punctuator when token.Text == "$" && !constant:
                var name = Expect(Kind.Name).Text;
                if (!_declared.TryGetValue(name, out var value))
                {
                    throw new GitHubGraphQlException($"Variable ${name} is used by anonymous query but not declared", token.Line, token.Column);
                }

                return value?.DeepClone();
            case Kind.Punctuator when token.Text == "[":
                var list = new JsonArray();
                while (!IsPunct("]")) list.Add(Value(constant));
                _at++;
                return list;
            case Kind.Punctuator when token.Text == "{":
                var obj = new JsonObject();
                while (!IsPunct("}"))
                {
                    var key = Expect(Kind.Name).Text;
                    ExpectPunct(":");
                    obj[key] = Value(constant);
                }

                _at++;
                return obj;
            case Kind.Int when long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                return JsonValue.Create(n);
            case Kind.Float when double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case Kind.String:
                return JsonValue.Create(token.Text);
            case Kind.Name:
                return token.Text switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "null" => null,
                    _ => JsonValue.Create(token.Text), // an enum value such as DESC
                };
            default:
                _at--;
                throw Error("Parse error on " + Describe(token));
        }
    }

    private void RefuseDirective()
    {
        if (IsPunct("@")) throw Error("Directives are not supported by the simulator");
    }

    private bool IsPunct(string text) => Peek.Kind == Kind.Punctuator && Peek.Text == text;

    private GitHubGraphQlToken ExpectPunct(string text)
    {
        if (!IsPunct(text)) throw Error($"Parse error on {Describe(Peek)}, expected \"{text}\"");
        return _tokens[_at++];
    }

    private GitHubGraphQlToken Expect(Kind kind)
    {
        if (Peek.Kind != kind) throw Error($"Parse error on {Describe(Peek)}, expected a {kind.ToString().ToLowerInvariant()}");
        return _tokens[_at++];
    }

    private static string Describe(GitHubGraphQlToken token) =>
        token.Kind == Kind.End ? "end of file (EOF)" : $"\"{token.Text}\" at [{token.Line}, {token.Column}]";

    private GitHubGraphQlException Error(string message) => new(message, Peek.Line, Peek.Column);
}
