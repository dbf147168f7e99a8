using Warta.Web;
using Warta.Web.Cli;

// A mistyped verb or a stray word says so and exits 1; it never starts the web server.
if (Cli.Refuse(args, Console.Error) is { } refused) return refused;
var (verb, hostArgs) = Cli.Split(args);
// Started from another folder (dotnet path/to/Warta.dll), the program still finds its own appsettings.json.
var builder = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
    ? WebApplication.CreateBuilder(hostArgs)
    : WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.AddWarta();
var app = builder.Build();
app.UseWarta();

if (verb is not null) return await Cli.RunAsync(app, verb, args);
await app.RunAsync();
return 0;

public partial class Program;
