using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

public sealed class MentionParserTests
{
    [Theory]
    [InlineData("@alice please look", new[] { "alice" })]
    [InlineData("cc @alice, @bob-smith and @carol_x.", new[] { "alice", "bob-smith", "carol_x" })]
    [InlineData("ping @gitlab-org/security-team/", new[] { "gitlab-org/security-team" })]
    [InlineData("(@alice) [@bob]", new[] { "alice", "bob" })]
    [InlineData("thanks @first.last!", new[] { "first.last" })]
    public void Finds_mentions_in_prose(string text, string[] expected) =>
        Assert.Equal(expected, MentionParser.Parse(text));

    [Theory]
    [InlineData("mail jane@example.com or jane.doe+ci@example.org")]
    [InlineData("see https://example.com/@alice/posts")]
    [InlineData("an @ alone, @-dash, @.dot")]
    [InlineData("")]
    public void Ignores_addresses_paths_and_bare_at_signs(string text) =>
        Assert.Empty(MentionParser.Parse(text));

    [Fact]
    public void Ignores_mentions_inside_code_spans()
    {
        Assert.Equal(["bob"], MentionParser.Parse("run `npm i @scope/pkg` then tell @bob, not ``@carol ` here``"));
    }

    [Fact]
    public void Ignores_mentions_inside_fenced_code_blocks()
    {
        const string text = """
            Before @alice
            ```csharp
            [Attribute] // @decorator
            ```
            ~~~
            @inside-tilde
            ~~~
            After @bob
            """;

        Assert.Equal(["alice", "bob"], MentionParser.Parse(text));
    }

    [Fact]
    public void Unclosed_backtick_is_plain_text()
    {
        Assert.Equal(["alice"], MentionParser.Parse("a ` then @alice"));
    }

    [Fact]
    public void Returns_distinct_mentions_in_first_seen_order_ignoring_case()
    {
        Assert.Equal(["Bob", "alice"], MentionParser.Parse("@Bob @alice", "@bob again, and @ALICE"));
    }

    [Fact]
    public void Reads_Bitbucket_account_and_Azure_identity_mentions()
    {
        Assert.Equal(
            ["557058:c0ffee", "6B5B2D4A-1111-2222-3333-444455556666"],
            MentionParser.Parse("@{557058:c0ffee} and @<6B5B2D4A-1111-2222-3333-444455556666>"));
    }

    [Fact]
    public void Tolerates_null_texts_and_windows_line_endings()
    {
        Assert.Equal(["alice"], MentionParser.Parse(null, "```\r\n@code\r\n```\r\n@alice\r\n"));
    }
}
