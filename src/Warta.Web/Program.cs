using Warta.Web;

var (verb, hostArgs) = Cli.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddWarta();
var app = builder.Build();
app.UseWarta();

if (verb is not null) return await Cli.RunAsync(app, verb, args);
await app.RunAsync();
return 0;

public partial class Program;
