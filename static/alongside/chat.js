/* Live chat rooms: enhances templates/community/chat/_room.html.
   Protocol and DOM contract: docs/realtime.md. Without this script every form still posts
   and the page reloads. Member text arrives as sanitised body_html; everything else is set
   with textContent. */
(function () {
  "use strict";

  var TYPING_EVERY_MS = 2000;
  var TYPING_SHOWN_MS = 4000;
  var PING_EVERY_MS = 30000;
  var MAX_BACKOFF_MS = 30000;
  var MAX_MESSAGE_LENGTH = 4000;

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function formatTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return "";
    }
    return date.toLocaleString(undefined, {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    });
  }

  function Room(section) {
    this.section = section;
    this.roomId = section.getAttribute("data-chat-room");
    this.wsPath = section.getAttribute("data-ws-path");
    this.list = section.querySelector(".chat-messages");
    this.log = section.querySelector(".chat-log");
    this.typingEl = section.querySelector(".chat-typing");
    this.connectionEl = section.querySelector(".chat-connection");
    this.presentEl = section.querySelector(".chat-present");
    this.form = section.querySelector(".chat-form");
    this.textarea = this.form ? this.form.querySelector("textarea[name=body]") : null;
    this.errorEl = this.form ? this.form.querySelector(".chat-error") : null;
    this.socket = null;
    this.attempt = 0;
    this.pending = {};
    this.lastTypingSent = 0;
    this.typingTimers = {};
    this.typingNames = {};
    this.readUpTo = 0;
    this.me = null;
    this.closedForGood = false;
    this.start();
  }

  Room.prototype.start = function () {
    var self = this;
    if (this.form && this.textarea) {
      var hint = this.form.querySelector(".chat-enter-hint");
      if (hint) {
        hint.hidden = false;
      }
      this.form.addEventListener("submit", function (event) { self.onSubmit(event); });
      this.textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          if (self.form.requestSubmit) {
            self.form.requestSubmit();
          } else {
            self.onSubmit(null);
          }
        }
      });
      this.textarea.addEventListener("input", function () { self.onInput(); });
    }
    this.setUpOlder();
    this.scrollToEnd();
    document.addEventListener("visibilitychange", function () { self.sendRead(); });
    this.connect();
  };

  // ---- Connection -----------------------------------------------------------------

  Room.prototype.connect = function () {
    var self = this;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket;
    try {
      socket = new WebSocket(scheme + window.location.host + this.wsPath);
    } catch (error) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    if (this.attempt) {
      this.setConnection("Reconnecting…");
    }
    socket.addEventListener("open", function () {
      self.attempt = 0;
      self.setConnection("");
      self.send({ type: "resume", after: self.highestId() });
      self.pingTimer = window.setInterval(function () { self.send({ type: "ping" }); },
        PING_EVERY_MS);
    });
    socket.addEventListener("message", function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      self.onFrame(data);
    });
    socket.addEventListener("close", function () {
      window.clearInterval(self.pingTimer);
      if (self.socket === socket) {
        self.socket = null;
        self.scheduleReconnect();
      }
    });
  };

  Room.prototype.scheduleReconnect = function () {
    var self = this;
    if (this.closedForGood) {
      return;
    }
    this.attempt += 1;
    var base = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, this.attempt - 1));
    var delay = base / 2 + Math.random() * base / 2;  // jitter, so clients don't stampede
    this.setConnection(this.attempt > 2
      ? "Connection lost. Trying again… You can still send: the page will reload."
      : "Reconnecting…");
    window.setTimeout(function () { self.connect(); }, delay);
  };

  Room.prototype.isOpen = function () {
    return this.socket && this.socket.readyState === WebSocket.OPEN;
  };

  Room.prototype.send = function (frame) {
    if (!this.isOpen()) {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  };

  Room.prototype.setConnection = function (text) {
    if (this.connectionEl) {
      this.connectionEl.textContent = text;
    }
  };

  // ---- Frames from the server ------------------------------------------------------

  Room.prototype.onFrame = function (data) {
    switch (data.type) {
      case "welcome":
        this.me = data.you;
        this.showPresent(data.present || [], data.more || 0);
        break;
      case "message":
        this.addMessage(data.message);
        break;
      case "resumed":
        if (data.more) {
          this.send({ type: "resume", after: data.latest_id });
        } else {
          this.sendRead();
        }
        break;
      case "sent":
        this.onSent(data);
        break;
      case "support":
        this.showSupport(data);
        break;
      case "typing":
        this.showTyping(data.user);
        break;
      case "presence":
        this.showPresent(data.present || [], data.more || 0);
        break;
      case "error":
        this.onError(data);
        break;
      default:
        break;
    }
  };

  Room.prototype.highestId = function () {
    var last = this.list.lastElementChild;
    while (last && !last.getAttribute("data-message-id")) {
      last = last.previousElementSibling;
    }
    return last ? parseInt(last.getAttribute("data-message-id"), 10) : 0;
  };

  Room.prototype.isNearEnd = function () {
    var box = this.log;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  };

  Room.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  Room.prototype.buildMessage = function (message) {
    var item = document.createElement("li");
    item.className = "chat-message";
    item.id = "message-" + message.id;
    item.setAttribute("data-message-id", String(message.id));
    var meta = document.createElement("p");
    meta.className = "chat-meta";
    var author = document.createElement("span");
    author.className = "chat-author";
    author.textContent = message.author ? message.author.name : "";
    var time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = formatTime(message.created_at);
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(time);
    var reportUrl = this.section.getAttribute("data-report-url");
    var fromSomeoneElse =
      message.author && message.author.id && (!this.me || message.author.id !== this.me.id);
    if (reportUrl && fromSomeoneElse) {
      var report = document.createElement("a");
      report.className = "chat-report";
      report.href = reportUrl.replace(/\/0\/$/, "/" + message.id + "/");
      report.textContent = "Report";
      var what = document.createElement("span");
      what.className = "visually-hidden";
      what.textContent = " this message";
      report.appendChild(what);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(report);
    }
    item.appendChild(meta);
    if (message.held) {
      // Only ever the member's own message: nobody else is sent a held one.
      item.className += " chat-message-held";
      var note = document.createElement("p");
      note.className = "chat-held-note";
      note.textContent = "Waiting for a moderator: only you can see this.";
      item.appendChild(note);
    }
    var body = document.createElement("div");
    body.className = "chat-body";
    body.innerHTML = message.body_html;  // sanitised by the server (nh3 allow-list)
    if (message.collapsed) {
      var details = document.createElement("details");
      details.className = "chat-collapsed";
      var summary = document.createElement("summary");
      summary.textContent = message.collapsed + " Show the message anyway.";
      details.appendChild(summary);
      details.appendChild(body);
      item.appendChild(details);
    } else {
      item.appendChild(body);
    }
    return item;
  };

  /* Insert in id order; a message already shown (by id) is skipped. */
  Room.prototype.addMessage = function (message) {
    if (!message || typeof message.id !== "number") {
      return;
    }
    if (document.getElementById("message-" + message.id)) {
      return;
    }
    var stick = this.isNearEnd();
    var item = this.buildMessage(message);
    var next = null;
    var node = this.list.lastElementChild;
    while (node) {
      var id = parseInt(node.getAttribute("data-message-id"), 10);
      if (id < message.id) {
        break;
      }
      next = node;
      node = node.previousElementSibling;
    }
    this.list.insertBefore(item, next);
    var empty = this.section.querySelector(".chat-empty");
    if (empty) {
      empty.remove();
    }
    if (this.me && message.author && message.author.id === this.me.id) {
      delete this.pending[message.client_id];
      stick = true;
    }
    if (message.author && this.typingNames[message.author.id]) {
      this.clearTyping(message.author.id);
    }
    if (stick) {
      this.scrollToEnd();
    }
    this.sendRead();
  };

  Room.prototype.sendRead = function () {
    if (document.visibilityState === "hidden") {
      return;
    }
    var upTo = this.highestId();
    if (upTo > this.readUpTo && this.send({ type: "read", up_to: upTo })) {
      this.readUpTo = upTo;
    }
  };

  Room.prototype.showPresent = function (present, more) {
    if (!this.presentEl) {
      return;
    }
    var self = this;
    this.presentEl.textContent = "";
    var others = present.filter(function (person) {
      return !self.me || person.id !== self.me.id;
    });
    if (self.me) {
      var you = document.createElement("li");
      you.setAttribute("data-user-id", String(self.me.id));
      you.textContent = self.me.name + " (you)";
      this.presentEl.appendChild(you);
    }
    others.forEach(function (person) {
      var item = document.createElement("li");
      item.setAttribute("data-user-id", String(person.id));
      item.textContent = person.name;
      self.presentEl.appendChild(item);
    });
    if (more > 0) {
      var rest = document.createElement("li");
      rest.className = "chat-present-more";
      rest.textContent = "and " + more + " more";
      this.presentEl.appendChild(rest);
    }
    if (!others.length && !more) {
      var empty = document.createElement("li");
      empty.className = "chat-present-empty";
      empty.textContent = "Nobody else is here right now.";
      this.presentEl.appendChild(empty);
    }
  };

  Room.prototype.showTyping = function (user) {
    var self = this;
    if (!user || (this.me && user.id === this.me.id)) {
      return;
    }
    this.typingNames[user.id] = user.name;
    window.clearTimeout(this.typingTimers[user.id]);
    this.typingTimers[user.id] = window.setTimeout(function () {
      self.clearTyping(user.id);
    }, TYPING_SHOWN_MS);
    this.renderTyping();
  };

  Room.prototype.clearTyping = function (userId) {
    window.clearTimeout(this.typingTimers[userId]);
    delete this.typingTimers[userId];
    delete this.typingNames[userId];
    this.renderTyping();
  };

  Room.prototype.renderTyping = function () {
    var self = this;
    var names = Object.keys(this.typingNames).map(function (id) { return self.typingNames[id]; });
    var text = "";
    if (names.length === 1) {
      text = names[0] + " is typing…";
    } else if (names.length === 2) {
      text = names[0] + " and " + names[1] + " are typing…";
    } else if (names.length > 2) {
      text = "Several people are typing…";
    }
    if (this.typingEl && this.typingEl.textContent !== text) {
      this.typingEl.textContent = text;
    }
  };

  // ---- Sending --------------------------------------------------------------------

  Room.prototype.onInput = function () {
    var now = Date.now();
    if (now - this.lastTypingSent > TYPING_EVERY_MS && this.textarea.value.trim()) {
      if (this.send({ type: "typing" })) {
        this.lastTypingSent = now;
      }
    }
  };

  Room.prototype.showError = function (text) {
    if (!this.errorEl) {
      return;
    }
    this.errorEl.textContent = text;
    this.errorEl.hidden = !text;
    if (text) {
      this.textarea.setAttribute("aria-invalid", "true");
    } else {
      this.textarea.removeAttribute("aria-invalid");
    }
  };

  Room.prototype.onSubmit = function (event) {
    if (!this.isOpen()) {
      return;  // no live connection: the form posts and the page reloads
    }
    if (event) {
      event.preventDefault();
    }
    var body = this.textarea.value;
    if (!body.trim()) {
      this.showError("Write something in your message first.");
      this.textarea.focus();
      return;
    }
    if (body.length > MAX_MESSAGE_LENGTH) {
      this.showError("Your message is " + body.length.toLocaleString() +
        " characters long. Please shorten it to 4,000 characters or fewer.");
      this.textarea.focus();
      return;
    }
    var clientId = newClientId();
    this.pending[clientId] = body;
    this.send({ type: "send", body: body, client_id: clientId });
    this.textarea.value = "";
    this.showError("");
    this.lastTypingSent = 0;
    this.textarea.focus();
  };

  Room.prototype.onSent = function (data) {
    delete this.pending[data.client_id];
    if (data.held) {
      this.setConnection("Your message is waiting for a moderator. Only you can see it.");
    }
  };

  // ---- Support for the writer (a "support" frame: docs/realtime.md) -------------------

  /* Only same-site paths and http(s) addresses become links. */
  function safeHref(url) {
    if (typeof url !== "string" || !url) {
      return "";
    }
    if (url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\") {
      return url;
    }
    return /^https?:\/\/[^\s]+$/i.test(url) ? url : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function link(href, text) {
    var anchor = element("a", "", text);
    anchor.href = href;
    return anchor;
  }

  function resourceItem(resource) {
    var item = element("li", "crisis-option");
    var name = element("strong", "", resource.name || "");
    item.appendChild(name);
    if (resource.audience) {
      item.appendChild(document.createTextNode(" (" + resource.audience + ")"));
    }
    if (resource.description) {
      item.appendChild(element("p", "", resource.description));
    }
    var ways = element("ul", "crisis-ways");
    var phone = String(resource.phone || "").replace(/[^0-9+]/g, "");
    if (phone) {
      var call = element("li");
      call.appendChild(link("tel:" + phone, resource.name + ": call " + resource.phone));
      ways.appendChild(call);
    }
    var textNumber = String(resource.text_number || "").replace(/[^0-9+]/g, "");
    if (textNumber) {
      var keyword = resource.text_keyword ? resource.text_keyword + " to " : "";
      var text = element("li");
      text.appendChild(link("sms:" + textNumber,
        resource.name + ": text " + keyword + resource.text_number));
      ways.appendChild(text);
    }
    var web = safeHref(resource.web_url);
    if (web) {
      var site = element("li");
      var anchor = link(web, resource.name + " website");
      anchor.rel = "noopener noreferrer";
      site.appendChild(anchor);
      ways.appendChild(site);
    }
    if (ways.firstChild) {
      item.appendChild(ways);
    }
    if (resource.opening_hours) {
      item.appendChild(element("p", "crisis-hours", "Open: " + resource.opening_hours));
    }
    return item;
  }

  /* A calm panel by the message box: not a modal, nothing traps focus, and a close
     button puts the member back in the box. Every string is set as text. */
  Room.prototype.showSupport = function (data) {
    var support = data && data.support;
    if (!support || typeof support !== "object") {
      return;
    }
    var self = this;
    var old = this.section.querySelector(".chat-support");
    if (old) {
      old.remove();
    }
    var urgent = support.level === "urgent" || data.held;
    var headingId = "chat-support-heading-" + this.roomId;
    var panel = element("section", "chat-support " +
      (urgent ? "chat-support-urgent" : "chat-support-gentle"));
    panel.setAttribute("aria-labelledby", headingId);
    var heading = element("h2", "", urgent ? "Support is here for you" : "A gentle note");
    heading.id = headingId;
    panel.appendChild(heading);
    panel.appendChild(element("p", "", support.message || ""));
    var help = safeHref(support.help_url);
    if (urgent) {
      if (support.held_message) {
        panel.appendChild(element("p", "", support.held_message));
      } else {
        panel.appendChild(element("p", "", "A moderator will check in with you."));
      }
      var resources = Array.isArray(support.resources) ? support.resources.slice(0, 3) : [];
      if (resources.length) {
        var list = element("ul", "crisis-options chat-support-options");
        resources.forEach(function (resource) {
          if (resource && typeof resource === "object") {
            list.appendChild(resourceItem(resource));
          }
        });
        panel.appendChild(list);
      }
      var plan = safeHref(support.safety_plan_url);
      if (support.has_safety_plan && plan) {
        var planLine = element("p");
        planLine.appendChild(link(plan, "Open your safety plan"));
        panel.appendChild(planLine);
      }
      if (help) {
        var more = element("p");
        more.appendChild(link(help, "More ways to get help: I need help now"));
        panel.appendChild(more);
      }
    } else if (help) {
      var gentle = element("p");
      gentle.appendChild(document.createTextNode("If you want it, help is one step away: "));
      gentle.appendChild(link(help, "I need help now"));
      gentle.appendChild(document.createTextNode("."));
      panel.appendChild(gentle);
    }
    var close = element("button", "secondary chat-support-close", "Close");
    close.type = "button";
    close.appendChild(element("span", "visually-hidden",
      urgent ? " this support message" : " this note"));
    close.addEventListener("click", function () {
      panel.remove();
      if (self.textarea) {
        self.textarea.focus();
      }
    });
    panel.appendChild(close);
    if (this.form) {
      this.form.parentNode.insertBefore(panel, this.form);
    } else {
      this.section.appendChild(panel);
    }
    this.setConnection(urgent
      ? "Your message is waiting for a moderator. Support for you is shown just above " +
        "the message box."
      : (support.message || "") + " A link to help is just above the message box.");
  };

  Room.prototype.onError = function (data) {
    var text = data.message || "That didn't work. Please try again.";
    if (data.client_id && Object.prototype.hasOwnProperty.call(this.pending, data.client_id)) {
      // Give the member their words back unless they've started another message.
      if (this.textarea && !this.textarea.value.trim()) {
        this.textarea.value = this.pending[data.client_id];
      }
      delete this.pending[data.client_id];
    }
    if (data.code === "malformed") {
      return;
    }
    this.showError(text);
  };

  // ---- Older messages --------------------------------------------------------------

  Room.prototype.setUpOlder = function () {
    var self = this;
    var link = this.section.querySelector(".chat-older");
    if (!link) {
      return;
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      self.loadOlder(link);
    });
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            self.loadOlder(link);
          }
        });
      }, { root: this.log });
      observer.observe(link);
      this.olderObserver = observer;
    }
  };

  Room.prototype.loadOlder = function (link) {
    var self = this;
    if (this.loadingOlder) {
      return;
    }
    this.loadingOlder = true;
    var url = link.getAttribute("href");
    window.fetch(url, { credentials: "same-origin", headers: { "X-Chat-Fragment": "1" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var items = page.querySelectorAll(".chat-messages > li[data-message-id]");
        var before = self.log.scrollHeight;
        var first = self.list.firstElementChild;
        Array.prototype.forEach.call(items, function (item) {
          if (!document.getElementById(item.id)) {
            self.list.insertBefore(document.importNode(item, true), first);
          }
        });
        // Keep what the member was reading where it was.
        self.log.scrollTop += self.log.scrollHeight - before;
        var more = page.querySelector(".chat-older");
        if (more) {
          link.setAttribute("href", more.getAttribute("href"));
        } else {
          if (self.olderObserver) {
            self.olderObserver.disconnect();
          }
          var box = link.parentNode;
          var note = document.createElement("p");
          note.className = "chat-older-box";
          note.textContent = "This is the start of the conversation.";
          box.parentNode.replaceChild(note, box);
        }
      })
      .catch(function () {
        self.setConnection("Older messages couldn't be loaded. Try the link again.");
      })
      .then(function () {
        self.loadingOlder = false;
      });
  };

  function startAll() {
    var sections = document.querySelectorAll("section.chat-room[data-chat-room]");
    Array.prototype.forEach.call(sections, function (section) {
      if (!section.chatRoom && "WebSocket" in window) {
        section.chatRoom = new Room(section);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
}());
