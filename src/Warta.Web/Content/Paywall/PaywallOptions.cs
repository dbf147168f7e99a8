namespace Warta.Web.Content.Paywall;

/// <summary><c>Warta:Paywall</c>: how much of a premium story is free, and how many premium stories the meter opens a month.</summary>
public sealed class PaywallOptions
{
    /// <summary>Paragraphs of a premium story everyone may read, before the subscribe box.</summary>
    public int FreeParagraphs { get; set; } = 3;
    /// <summary>Premium stories a reader without an account reads in full per calendar month in WIB; 0 is a registration wall.</summary>
    public int MeterAnonymous { get; set; } = 2;
    /// <summary>Premium stories a signed-in reader without a plan reads in full per calendar month in WIB; 0 turns the meter off.</summary>
    public int MeterRegistered { get; set; } = 5;
    /// <summary>Gift links a subscriber may create per calendar month in WIB.</summary>
    public int GiftLinksPerMonth { get; set; } = 5;

    public PaywallOptions Validated()
    {
        var negative = new (string Name, int Value)[]
            {
                (nameof(FreeParagraphs), FreeParagraphs), (nameof(MeterAnonymous), MeterAnonymous),
                (nameof(MeterRegistered), MeterRegistered), (nameof(GiftLinksPerMonth), GiftLinksPerMonth),
            }
            .Where(o => o.Value < 0).Select(o => $"Warta:Paywall:{o.Name} is {o.Value}").ToList();
        return negative.Count == 0
            ? this
            : throw new InvalidOperationException(string.Join("; ", negative) + "; it must be 0 or more (0 meter reads is a registration wall).");
    }

    public static PaywallOptions From(IConfiguration configuration) =>
        (configuration.GetSection("Warta:Paywall").Get<PaywallOptions>() ?? new PaywallOptions()).Validated();
}
