package org.confero.messaging;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.Excerpt;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.ChatRoomRequest;
import org.confero.protocol.rest.ChatRoomView;
import org.confero.user.User;
import org.confero.user.Users;

/**
 * Chat rooms and who is in them. Only members see a room: to anybody else it does not exist (404, never 403, so room
 * ids cannot be probed). Direct rooms keep their two members; any member of a group may add users, members leave on
 * their own, and the group's creator or an admin may remove others.
 */
@Stateless
public class ChatRooms {

    /** Beyond this a group is a broadcast list, which chat rooms are not meant to be. */
    static final int MAX_GROUP_MEMBERS = 500;

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @Inject
    private Users users;

    @EJB
    private DirectRoomCreator directRooms;

    private final Clock clock = Clock.systemUTC();

    /** What opening a room did: created one, or found the direct room the two users already have. */
    public record Opened(ChatRoomView room, boolean created, List<String> members) {
    }

    public Opened open(Actor actor, ChatRoomRequest request) {
        if (request == null || request.kind() == null) {
            throw DomainException.invalid("kind (direct or group) is required");
        }
        RoomKind kind = RoomKind.parse(request.kind())
                .orElseThrow(() -> DomainException.invalid("kind must be direct or group"));
        List<String> invited = request.members() == null ? List.of() : request.members();
        return kind == RoomKind.DIRECT ? openDirect(actor, invited) : openGroup(actor, request.name(), invited);
    }

    private Opened openDirect(Actor actor, List<String> invited) {
        if (invited.size() != 1) {
            throw DomainException.invalid("a direct room names exactly one other member");
        }
        String other = existingUser(invited.get(0)).username();
        String pair = ChatRoom.pairOf(actor.username(), other);
        Optional<ChatRoom> existing = byPair(pair);
        if (existing.isPresent()) {
            return new Opened(view(existing.get(), actor.username()), false, memberNames(existing.get().id()));
        }
        boolean created = true;
        try {
            directRooms.create(actor.username(), other, clock.instant());
        } catch (EJBException lostTheRace) {
            created = false;
        }
        ChatRoom room = byPair(pair).orElseThrow(() -> new IllegalStateException("direct room " + pair + " vanished"));
        return new Opened(view(room, actor.username()), created, memberNames(room.id()));
    }

    private Opened openGroup(Actor actor, String name, List<String> invited) {
        Set<String> members = new LinkedHashSet<>();
        members.add(actor.username());
        for (String username : invited) {
            members.add(existingUser(username).username());
        }
        if (members.size() > MAX_GROUP_MEMBERS) {
            throw DomainException.invalid("a group room has at most " + MAX_GROUP_MEMBERS + " members");
        }
        ChatRoom room = ChatRoom.group(name, actor.username(), clock.instant());
        em.persist(room);
        for (String member : members) {
            em.persist(new ChatRoomMember(room.id(), member, clock.instant()));
        }
        em.flush();
        return new Opened(view(room, actor.username()), true, List.copyOf(members));
    }

    /** The caller's rooms, the most recently active first. */
    public List<ChatRoomView> list(Actor actor) {
        List<ChatRoom> rooms = em.createNamedQuery("ChatRoom.ofMember", ChatRoom.class)
                .setParameter("username", actor.username()).getResultList();
        if (rooms.isEmpty()) {
            return List.of();
        }
        List<String> ids = rooms.stream().map(ChatRoom::id).toList();
        Map<String, Long> last = counts("ChatMessage.lastOfRooms", ids, null);
        Map<String, Long> unread = counts("ChatMessage.unreadOfRooms", ids, actor.username());
        List<ChatRoomView> views = new ArrayList<>();
        for (ChatRoom room : rooms) {
            views.add(ChatViews.room(room, members(room.id()), last.getOrDefault(room.id(), 0L),
                    unread.getOrDefault(room.id(), 0L)));
        }
        views.sort((a, b) -> Long.compare(b.lastMessageId(), a.lastMessageId()));
        return views;
    }

    public ChatRoomView get(Actor actor, String roomId) {
        return view(requireMembership(actor.username(), roomId).room(), actor.username());
    }

    /** Adds a user to a group; returns the room as the caller now sees it and everyone to tell. */
    public Opened addMember(Actor actor, String roomId, String username) {
        ChatRoom room = requireMembership(actor.username(), roomId).room();
        if (room.kind() == RoomKind.DIRECT) {
            throw DomainException.conflict("a direct room keeps its two members; open a group room instead");
        }
        User user = existingUser(username);
        List<String> members = memberNames(roomId);
        if (members.contains(user.username())) {
            return new Opened(view(room, actor.username()), false, members);
        }
        if (members.size() >= MAX_GROUP_MEMBERS) {
            throw DomainException.conflict("the room has " + MAX_GROUP_MEMBERS + " members already");
        }
        em.persist(new ChatRoomMember(roomId, user.username(), clock.instant()));
        em.flush();
        return new Opened(view(room, actor.username()), true, memberNames(roomId));
    }

    /**
     * Removes a member of a group: oneself always, others only as the room's creator or an admin. The members to tell
     * include the one removed.
     */
    public List<String> removeMember(Actor actor, String roomId, String username) {
        ChatRoom room = requireMembership(actor.username(), roomId).room();
        if (room.kind() == RoomKind.DIRECT) {
            throw DomainException.conflict("a direct room keeps its two members");
        }
        boolean self = actor.username().equals(username);
        if (!self && !actor.admin() && !room.createdBy().equals(actor.username())) {
            throw DomainException.forbidden("only the room's creator or an admin removes other members");
        }
        List<String> before = memberNames(roomId);
        ChatRoomMember member = em.find(ChatRoomMember.class, new ChatRoomMember.Key(roomId, username));
        if (member == null) {
            throw DomainException.notFound("member " + username + " of this room");
        }
        em.remove(member);
        return before;
    }

    /** Moves the caller's read mark forward; returns the room as the caller now sees it. */
    public ChatRoomView markRead(Actor actor, String roomId, Long lastReadId) {
        if (lastReadId == null || lastReadId < 0) {
            throw DomainException.invalid("lastReadId must be a message id");
        }
        requireMembership(actor.username(), roomId);
        ChatRoomMember member = em.find(ChatRoomMember.class, new ChatRoomMember.Key(roomId, actor.username()));
        member.markRead(lastReadId);
        em.flush();
        return get(actor, roomId);
    }

    /** The room, if {@code username} is a member of it; otherwise 404 whether or not the room exists. */
    public Membership requireMembership(String username, String roomId) {
        ChatRoom room = roomId == null || roomId.length() > 36 ? null : em.find(ChatRoom.class, roomId);
        if (room == null || em.find(ChatRoomMember.class, new ChatRoomMember.Key(roomId, username)) == null) {
            throw new DomainException(ProblemType.CHAT_ROOM_NOT_FOUND, "you have no chat room " + Excerpt.of(roomId));
        }
        return new Membership(room, memberNames(roomId));
    }

    List<String> memberNames(String roomId) {
        return em.createNamedQuery("ChatRoomMember.ofRoom", ChatRoomMember.class).setParameter("room", roomId)
                .getResultStream().map(ChatRoomMember::username).toList();
    }

    private ChatRoomView view(ChatRoom room, String viewer) {
        List<String> ids = List.of(room.id());
        return ChatViews.room(room, members(room.id()),
                counts("ChatMessage.lastOfRooms", ids, null).getOrDefault(room.id(), 0L),
                counts("ChatMessage.unreadOfRooms", ids, viewer).getOrDefault(room.id(), 0L));
    }

    private List<User> members(String roomId) {
        List<String> names = memberNames(roomId);
        Map<String, User> byName = em.createQuery("SELECT u FROM User u WHERE u.username IN :names", User.class)
                .setParameter("names", names).getResultStream().collect(Collectors.toMap(User::username, u -> u));
        return names.stream().map(byName::get).filter(u -> u != null).toList();
    }

    private Map<String, Long> counts(String query, List<String> rooms, String username) {
        var q = em.createNamedQuery(query, Object[].class).setParameter("rooms", rooms);
        if (username != null) {
            q.setParameter("username", username);
        }
        return q.getResultStream().collect(Collectors.toMap(r -> (String) r[0], r -> ((Number) r[1]).longValue()));
    }

    private Optional<ChatRoom> byPair(String pair) {
        return em.createNamedQuery("ChatRoom.byPair", ChatRoom.class).setParameter("pair", pair).getResultStream()
                .findFirst();
    }

    private User existingUser(String username) {
        if (username == null) {
            throw DomainException.invalid("a member's username is required");
        }
        return users.find(username).filter(User::enabled)
                .orElseThrow(() -> DomainException.invalid("there is no user '" + Excerpt.of(username) + "'"));
    }

}
