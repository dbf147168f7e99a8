using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// A small real HTTP server on a free loopback port that plays an outside system (an agency feed, a market-data vendor)
/// in tests. Routes are mapped by the test: <c>FixtureServer.StartAsync(app => app.MapGet("/feed.xml", ...))</c>.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    readonly WebApplication app;

    FixtureServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public static Task<FixtureServer> StartAsync(Action<WebApplication> map) => StartAsync(IPAddress.Loopback, map);

    /// <summary>Listens on <paramref name="address"/> (any 127.x.y.z works on Linux, so tests can have two distinct hosts).</summary>
    public static async Task<FixtureServer> StartAsync(IPAddress address, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(address, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FixtureServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
