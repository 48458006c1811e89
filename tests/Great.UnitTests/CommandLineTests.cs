using Great.Web.Commands;

namespace Great.UnitTests;

public class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5071" }, false)] // README's two-node example: the web app on another port
    [InlineData(new[] { "--environment", "Production" }, false)]
    [InlineData(new[] { "Seed:Demo=false" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "create-admin", "--email", "a@b.org" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "frobnicate" }, true)] // a command, if an unknown one: it is refused with the list, not served
    public void Should_tell_a_command_from_the_web_apps_own_arguments(string[] args, bool isCommand) =>
        Assert.Equal(isCommand, GreatCommands.IsCommand(args));
}
