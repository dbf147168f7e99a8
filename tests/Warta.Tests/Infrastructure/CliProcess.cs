using System.Diagnostics;

namespace Warta.Tests.Infrastructure;

/// <summary>Runs a command-line verb as an operator runs it: the same program, another process, the app's database.</summary>
public static class CliProcess
{
    public static async Task<(int Code, string Out, string Error)> RunCliAsync(this WartaFactory app, params string[] args)
    {
        _ = app.Server; // the app is up and its database migrated
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Warta.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in app.DatabaseEnvironment()) start.Environment[key] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Warta__Demo__SeedOnEmpty"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
