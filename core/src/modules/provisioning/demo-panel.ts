import { createHash } from "node:crypto";
import type { ServicePanel, ServicePanelProvider, ServicePanelTarget } from "../../extension-points/service-panel.js";
import { HOUR_MS } from "../../kernel/time.js";

const texts = {
  en: {
    ipv4: "IPv4 address",
    ipv6: "IPv6 address",
    hostname: "Host name",
    os: "Operating system",
    root: "Root password",
    reboot: "Reboot",
    rebootConfirm: "Reboot the server now? It will be unreachable for about a minute.",
    resetPassword: "Reset root password",
    resetPasswordConfirm: "Set a new root password? The current one stops working at once; the new one is shown once.",
    passwordReset: "The root password was reset. Copy the new one now: it is shown once.",
    reinstall: "Reinstall",
    reinstallConfirm: "Reinstall the operating system? Everything on the disk will be erased.",
    panel: "Open the server panel",
    cpu: "CPU, last 24 hours",
    traffic: "Traffic, last 24 hours",
    rebooted: "The server is rebooting.",
    reinstalled: "The reinstall has started.",
    mbits: "Mbit/s",
  },
  ru: {
    ipv4: "IPv4-адрес",
    ipv6: "IPv6-адрес",
    hostname: "Имя хоста",
    os: "Операционная система",
    root: "Пароль root",
    reboot: "Перезагрузить",
    rebootConfirm: "Перезагрузить сервер сейчас? Около минуты он будет недоступен.",
    resetPassword: "Сбросить пароль root",
    resetPasswordConfirm: "Задать новый пароль root? Текущий сразу перестанет действовать; новый будет показан один раз.",
    passwordReset: "Пароль root сброшен. Скопируйте новый сейчас: он показывается один раз.",
    reinstall: "Переустановить",
    reinstallConfirm: "Переустановить операционную систему? Всё на диске будет стёрто.",
    panel: "Открыть панель сервера",
    cpu: "Процессор, последние 24 часа",
    traffic: "Трафик, последние 24 часа",
    mbits: "Мбит/с",
    rebooted: "Сервер перезагружается.",
    reinstalled: "Переустановка началась.",
  },
};

/** The demo catalog's OS images as people name them. */
const osNames: Record<string, string> = { "debian-12": "Debian 12", "ubuntu-24.04": "Ubuntu 24.04", "alma-9": "AlmaLinux 9" };

/** Bytes that stay the same for one service: its addresses and charts do not jump between visits. */
const seed = (serviceId: string) => createHash("sha256").update(serviceId).digest();

/**
 * How many times each service's root password was reset (in this process: the demo keeps no
 * machine, so a restart brings the first password back). The password is derived from it.
 */
const resets = new Map<string, number>();
const rootPassword = (serviceId: string) =>
  seed(`${serviceId}:root:${resets.get(serviceId) ?? 0}`)
    .toString("base64url")
    .slice(0, 16);

/** A smooth daily curve with a little noise: what a real server's graph looks like. */
function series(bytes: Buffer, now: number, base: number, swing: number, salt: number) {
  const lastHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 24 }, (_, i) => {
    const at = lastHour - (23 - i) * HOUR_MS;
    const hour = new Date(at).getUTCHours();
    const daily = Math.sin(((hour - 8) / 24) * 2 * Math.PI);
    const noise = (bytes[(i + salt) % bytes.length] / 255 - 0.5) * swing * 0.6;
    return { at, value: Math.max(0, Math.round((base + daily * swing + noise) * 10) / 10) };
  });
}

/**
 * The demo's panel on the built-in `instant` provisioner, for products whose `provisionerOptions`
 * say `{ "demoPanel": true }` (the demo's Cloud VPS): documentation addresses (RFC 5737/3849),
 * a root password (and its reset, the new one shown once), reboot and reinstall, a control panel that is a page of the demo site, and
 * CPU and traffic charts from generated data. Nothing here touches a real machine.
 */
export const demoPanel: ServicePanelProvider = {
  async describe(target: ServicePanelTarget): Promise<ServicePanel> {
    if (target.options.demoPanel !== true) return { fields: [], credentials: [], actions: [], controlPanel: null, metrics: [] };
    const t = target.locale === "ru" ? texts.ru : texts.en;
    const b = seed(target.serviceId);
    const name = (target.label ?? target.serviceId.slice(-8)).toLowerCase().replace(/[^a-z0-9-]+/g, "-");
    const now = Date.now();
    return {
      fields: [
        { key: "ipv4", label: t.ipv4, value: `203.0.113.${(b[0] % 250) + 2}` },
        { key: "ipv6", label: t.ipv6, value: `2001:db8:${b[1].toString(16)}${b[2].toString(16)}::${(b[3] % 250) + 2}` },
        { key: "hostname", label: t.hostname, value: `${name}.vps.northwind.example` },
        ...(typeof target.parameters.os === "string" ? [{ key: "os", label: t.os, value: osNames[target.parameters.os] ?? target.parameters.os }] : []),
      ],
      credentials: [{ key: "root", label: t.root }],
      actions: [
        { key: "reboot", label: t.reboot, confirm: t.rebootConfirm },
        { key: "reset-password", label: t.resetPassword, confirm: t.resetPasswordConfirm, reveals: "root" },
        { key: "reinstall", label: t.reinstall, confirm: t.reinstallConfirm, right: "delete", danger: true },
      ],
      controlPanel: { label: t.panel },
      metrics: [
        { key: "cpu", label: t.cpu, unit: "%", points: series(b, now, 22, 14, 4) },
        { key: "traffic", label: t.traffic, unit: t.mbits, points: series(b, now, 40, 30, 11) },
      ],
    };
  },
  async reveal(target, key) {
    if (target.options.demoPanel !== true || key !== "root") return undefined;
    return { value: rootPassword(target.serviceId) };
  },
  async runAction(target, key) {
    if (target.options.demoPanel !== true) return { status: "failed", reason: "This product has no actions." };
    const t = target.locale === "ru" ? texts.ru : texts.en;
    if (key === "reboot") return { status: "done", message: t.rebooted };
    if (key === "reset-password") {
      resets.set(target.serviceId, (resets.get(target.serviceId) ?? 0) + 1);
      return { status: "done", message: t.passwordReset, credential: { value: rootPassword(target.serviceId) } };
    }
    if (key === "reinstall") return { status: "done", message: t.reinstalled };
    return { status: "failed", reason: `Unknown action ${key}.` };
  },
  async controlPanelUrl(target) {
    if (target.options.demoPanel !== true) return undefined;
    return { url: `/demo-panel.html?server=${encodeURIComponent(target.label ?? target.serviceId)}` };
  },
};
