using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Demo;

/// <summary>On start: migrate, and on an empty database seed the demo content and create the first admin.</summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Warta:Database:MigrateOnStart", true)) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken) || await db.Articles.AnyAsync(cancellationToken)) return;

        var admin = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().CreateFirstAdminAsync();
        if (configuration.GetValue("Warta:Demo:SeedOnEmpty", true))
        {
            logger.LogInformation("Empty database: seeding demo content");
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(extraArticles: 0, cancellationToken: cancellationToken);
        }
        if (admin is { } credentials)
        {
            // Printed once, when the account is created; it is not stored anywhere in clear.
            Console.WriteLine();
            Console.WriteLine("================ Warta admin ================");
            Console.WriteLine($"  Login:    /redaksi/masuk");
            Console.WriteLine($"  Email:    {credentials.Email}");
            Console.WriteLine($"  Password: {credentials.Password}");
            Console.WriteLine("  (shown once; change it after signing in)");
            Console.WriteLine("=============================================");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
