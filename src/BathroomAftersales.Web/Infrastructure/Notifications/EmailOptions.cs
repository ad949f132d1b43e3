namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>How the outbox is delivered (configuration section "Email").</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"Pickup" (default): each message becomes an .eml file in <see cref="PickupDirectory"/>. "Smtp": MailKit.</summary>
    public string Mode { get; set; } = "Pickup";

    /// <summary>Relative paths are under the app's content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    public int PollSeconds { get; set; } = 10;

    /// <summary>False stops the background loop (tests call <see cref="OutboxSender.SendDueAsync"/> themselves).</summary>
    public bool SenderEnabled { get; set; } = true;

    public int BatchSize { get; set; } = 50;

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool UseStartTls { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "售后服务 <noreply@bathroom-aftersales.local>";

    public bool UsesSmtp => string.Equals(Mode, "Smtp", StringComparison.OrdinalIgnoreCase);
}
