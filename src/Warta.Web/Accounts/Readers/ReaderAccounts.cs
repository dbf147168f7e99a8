using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Warta.Web.Accounts.Readers;

/// <summary><c>Warta:Readers</c>: how often a reader's account pages may send mail.</summary>
public sealed class ReaderAccountOptions
{
    /// <summary>Requests that send mail (registration, confirmation, reset, change of address) per hour from one IP address.</summary>
    public int MailRequestsPerIpPerHour { get; set; } = 20;
    /// <summary>Messages per hour to one email address, whoever asks: nobody can flood a mailbox through Warta.</summary>
    public int MailsPerAddressPerHour { get; set; } = 5;
}

/// <summary>
/// What the reader accounts add to the shared account rules: their token providers, their mail, the rate limit of the
/// pages that send mail (per IP address, on the posts only) and the per-address count behind it.
/// </summary>
public static class ReaderAccounts
{
    /// <summary>Rate-limit policy of the pages that send mail: registration, resending the confirmation, reset, change of address.</summary>
    public const string MailLimit = "mail:reader";

    public static IServiceCollection AddReaderAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Shared.KeptBlock, ReaderMenuBlock>();
        var options = configuration.GetSection("Warta:Readers").Get<ReaderAccountOptions>() ?? new ReaderAccountOptions();
        services.AddSingleton(options);
        services.AddReaderTokens();
        services.AddSingleton<ReaderMailLimit>();
        services.AddScoped<ReaderMail>();
        services.AddScoped<PersonalDataExport>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(MailLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("reader-mail:ip:" + http.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.MailRequestsPerIpPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("reader-mail:page")));
        return services;
    }
}

/// <summary>
/// Counts the messages to each address, whether or not it has an account (so the count tells nothing about accounts).
/// Kept per node: with several nodes behind a balancer an address gets at most this many per node.
/// </summary>
public sealed class ReaderMailLimit(ReaderAccountOptions options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.MailsPerAddressPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    /// <summary>True when one more message to <paramref name="email"/> is allowed this hour, and counts it.</summary>
    public bool TryTake(string email)
    {
        using var lease = _perAddress.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _perAddress.Dispose();
}
