namespace BathroomAftersales.Web.Infrastructure.Notifications;

public static class NotificationSetup
{
    /// <summary>The notifier (scoped, writes into the request's DbContext), the outbox sender and the escalation job.</summary>
    public static void AddAppNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.AddScoped<INotificationService, Notifier>();
        services.AddScoped<UnreadNotifications>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<EscalationJob>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationJob>());
    }
}
