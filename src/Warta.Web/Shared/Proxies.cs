using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Warta.Web.Shared;

/// <summary>
/// Which proxies may tell Warta the client's address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>):
/// only those in <c>Warta:Proxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>, or single addresses). With none
/// configured, forwarded headers are ignored from everyone, loopback included.
/// </summary>
public static class Proxies
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
#pragma warning disable ASPDEPR005 // the older list of the same defaults (loopback) is still consulted; it must be empty too
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        // One hop: the load balancer in front. A longer chain would let the client's own X-Forwarded-For entries count.
        options.ForwardLimit = 1;
        foreach (var entry in configuration.GetSection("Warta:Proxy:KnownNetworks").Get<string[]>() ?? [])
        {
            var text = entry.Trim();
            if (!text.Contains('/')) text += IPAddress.TryParse(text, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32";
            if (!System.Net.IPNetwork.TryParse(text, out var network))
                throw new InvalidOperationException($"Warta:Proxy:KnownNetworks has '{entry}', which is not an address or a network such as 10.0.0.0/8.");
            options.KnownIPNetworks.Add(network);
        }
        // Empty lists would mean "trust every sender" to the middleware: with no proxy configured, nothing is forwarded.
        if (options.KnownIPNetworks.Count == 0) options.ForwardedHeaders = ForwardedHeaders.None;
    }
}
