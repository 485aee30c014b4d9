package main

import (
	"fmt"
	"log/slog"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/bot/slack"
	"github.com/pariscall/pariscall/config"
	"github.com/pariscall/pariscall/knowledge"
)

// newAdapters builds an adapter for every platform whose credentials are
// set.
func newAdapters(c config.Config, eng *knowledge.Engine, obs bot.Observer, log *slog.Logger) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if c.SlackEnabled() {
		a, err := slack.New(slack.Options{
			SigningSecret: c.Slack.SigningSecret, BotToken: c.Slack.BotToken, AppToken: c.Slack.AppToken,
			APIURL: c.Slack.APIURL, Command: c.Slack.Command, AnswerCache: c.Knowledge.AnswerCacheBytes,
			Engine: eng, Observer: obs, Logger: log,
		})
		if err != nil {
			return nil, fmt.Errorf("start Slack adapter: %w", err)
		}
		out = append(out, a)
	}
	if c.DiscordEnabled() {
		a, err := discord.New(discord.Options{
			Token: c.Discord.Token, AppID: c.Discord.AppID, PublicKey: c.Discord.PublicKey, GuildID: c.Discord.GuildID,
			APIURL: c.Discord.APIURL, ShardID: c.Discord.ShardID, ShardCount: c.Discord.ShardCount,
			AnswerCache: c.Knowledge.AnswerCacheBytes,
			Engine:      eng, Observer: obs, Logger: log,
		})
		if err != nil {
			return nil, fmt.Errorf("start Discord adapter: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}
