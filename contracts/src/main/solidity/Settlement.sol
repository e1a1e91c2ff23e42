// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC1271} from "./interfaces/IERC1271.sol";
import {SafeTransfer} from "./libraries/SafeTransfer.sol";
import {Relayer} from "./Relayer.sol";

/// @title Settlement: executes the winning bid of a fair-auction round on chain.
/// @notice Every guarantee a trader signed for is checked here, whatever the caller sends: the trader's EIP-712
/// signature (or EIP-1271 approval), the expiry, that the intent was neither filled nor cancelled, the signed
/// limit, and what the trader actually received (measured, so a fee-on-transfer token cannot pay less than the
/// signed minimum). Interactions (the solver's route) run between pulling the traders' sell tokens and paying
/// them, can reach neither the relayer nor this contract, and may leave no approval behind. No balance of a
/// listed token, nor the ether balance, may end lower than it started; the rest goes to the solver's payout
/// address. Each (auction, solver) settles once. Trust model and design notes: docs/settlement.md.
contract Settlement {
    using SafeTransfer for address;

    /// @notice An intent exactly as the trader signs it (EIP-712 type {INTENT_TYPE}).
    struct Intent {
        address owner;
        address sellToken;
        address buyToken;
        uint256 sellAmount;
        uint256 buyAmount;
        uint32 validTo;
        uint8 side;
    }

    /// @notice One intent executed by the settlement. Tokens are indices into the settlement's token list, so
    /// every token a trade touches is covered by the balance check.
    struct TradeData {
        address owner;
        uint256 sellTokenIndex;
        uint256 buyTokenIndex;
        uint256 sellAmount;
        uint256 buyAmount;
        uint32 validTo;
        uint8 side;
        uint256 executedSell;
        uint256 executedBuy;
        bytes signature;
    }

    /// @notice A call made on the solver's behalf between pulling the sell tokens and paying the traders.
    struct InteractionData {
        address target;
        uint256 value;
        bytes callData;
    }

    uint8 public constant SIDE_SELL = 0;
    uint8 public constant SIDE_BUY = 1;

    uint8 public constant STATUS_OPEN = 0;
    uint8 public constant STATUS_FILLED = 1;
    uint8 public constant STATUS_CANCELLED = 2;

    string public constant INTENT_TYPE =
        "Intent(address owner,address sellToken,address buyToken,uint256 sellAmount,uint256 buyAmount,uint32 validTo,string side)";
    string public constant CANCELLATION_TYPE = "Cancellation(bytes32 intent)";

    bytes32 private constant INTENT_TYPEHASH = keccak256(bytes(INTENT_TYPE));
    bytes32 private constant CANCELLATION_TYPEHASH = keccak256(bytes(CANCELLATION_TYPE));
    bytes32 private constant SIDE_SELL_HASH = keccak256("sell");
    bytes32 private constant SIDE_BUY_HASH = keccak256("buy");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("fair-auction");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @dev secp256k1n / 2: a signature with a larger s has a twin (n - s) and is rejected (EIP-2).
    uint256 private constant HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    /// @dev Compared as a whole word: the magic value followed by anything but zeros is not an approval.
    bytes32 private constant EIP1271_MAGIC = bytes32(bytes4(0x1626ba7e));
    /// @notice Gas an EIP-1271 wallet may spend on one signature: a Safe with several owners needs a few tens of
    /// thousands; the cap bounds what one trader's wallet can burn of the submitter's gas.
    uint256 public constant EIP1271_GAS_LIMIT = 250_000;

    // Calls by which this contract would hand someone a right to move its tokens; checked after the interactions.
    bytes4 private constant APPROVE = 0x095ea7b3; // ERC-20 approve(address,uint256)
    bytes4 private constant INCREASE_ALLOWANCE = 0x39509351; // increaseAllowance(address,uint256)
    bytes4 private constant SET_APPROVAL_FOR_ALL = 0xa22cb465; // ERC-721/1155 setApprovalForAll(address,bool)
    bytes4 private constant AUTHORIZE_OPERATOR = 0x959b8c3f; // ERC-777 authorizeOperator(address)
    bytes4 private constant PERMIT2_APPROVE = 0x87517c45; // Permit2 approve(address,address,uint160,uint48)

    /// @notice The contract traders approve; created here so that its only trusted caller is this contract.
    Relayer public immutable relayer;

    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    address public owner;
    /// @notice The address {transferOwnership} proposed; it becomes the owner when it calls {acceptOwnership}.
    address public pendingOwner;
    mapping(address => bool) public isSubmitter;
    /// @notice STATUS_OPEN, STATUS_FILLED or STATUS_CANCELLED, by intent uid (the intent's EIP-712 digest).
    mapping(bytes32 => uint8) public intentStatus;
    /// @notice Whether `solver` was paid out for auction `auctionId`: one settlement per auction and solver.
    mapping(uint256 auctionId => mapping(address solver => bool)) public auctionSettled;

    bool private transient locked;

    event Trade(address indexed owner, bytes32 indexed uid, uint256 executedSell, uint256 executedBuy);
    event Settled(uint256 indexed auctionId, address indexed solver, address submitter);
    event IntentCancelled(address indexed owner, bytes32 indexed uid);
    event SubmitterSet(address indexed submitter, bool authorised);
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Rescued(address indexed token, address indexed to, uint256 amount);

    error Unauthorised();
    error Reentrancy();
    error ZeroAddress();
    error UnknownSide(uint8 side);
    error InvalidSignature(bytes32 uid);
    error IntentExpired(bytes32 uid);
    error IntentAlreadyFilled(bytes32 uid);
    error IntentIsCancelled(bytes32 uid);
    error LimitViolated(bytes32 uid);
    error ForbiddenInteraction(uint256 index);
    error InteractionFailed(uint256 index, bytes reason);
    error BalanceDecreased(address token);
    error EtherTransferFailed();
    error NoTrades();
    error AuctionAlreadySettled(uint256 auctionId, address solver);
    /// @notice Interaction `index` granted an allowance or operator right that was still in force when the
    /// interactions ended.
    error ApprovalLeftBehind(uint256 index);
    /// @notice The trader did not receive what they signed for: less than `buyAmount` (sell intent) or other
    /// than exactly `buyAmount` (buy intent), measured on their balance.
    error PayoutNotAsSigned(bytes32 uid, uint256 received);
    /// @notice The relayer could not pull the trader's sell tokens (balance or approval withdrawn, or the token
    /// refused): the trader's doing, named so that the auctioneer can exclude them.
    error SellTransferFailed(bytes32 uid);
    /// @notice Paying the trader failed although this contract held the amount (a token that refuses the
    /// recipient, for instance); a payout the settlement could not cover is {SafeTransfer.TransferFailed}.
    error PayoutFailed(bytes32 uid);

    modifier nonReentrant() {
        if (locked) revert Reentrancy();
        locked = true;
        _;
        locked = false;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert Unauthorised();
        _;
    }

    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert ZeroAddress();
        owner = initialOwner;
        relayer = new Relayer();
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), initialOwner);
    }

    /// @dev Interactions may unwrap ether into this contract; it is swept like any other leftover.
    receive() external payable {}

    // ----------------------------------------------------------------------------------------------------------
    // Owner

    /// @notice Proposes `newOwner`; nothing changes until it accepts, so a mistyped address cannot take over.
    /// A later proposal replaces an earlier one.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert Unauthorised();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    function setSubmitter(address submitter, bool authorised) external onlyOwner {
        isSubmitter[submitter] = authorised;
        emit SubmitterSet(submitter, authorised);
    }

    /// @notice Sends `amount` of `token` (ether: `address(0)`) that reached this contract outside a settlement, by
    /// mistake or forced, to `to`. Under the lock, so never while a settlement holds funds in flight: between
    /// calls this contract holds nothing that belongs to a trader or a solver.
    function rescue(address token, address to, uint256 amount) external nonReentrant onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        if (token == address(0)) {
            (bool sent,) = to.call{value: amount}("");
            if (!sent) revert EtherTransferFailed();
        } else {
            token.safeTransfer(to, amount);
        }
        emit Rescued(token, to, amount);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Settling

    /// @notice Settles one winning bid.
    /// @param auctionId the auction the bid won; each (auctionId, solver) settles once
    /// @param solver where what is left over after paying the traders goes (the winning solver's payout address)
    /// @param tokens every token the trades touch (and any other whose balance the solver wants guarded)
    function settle(
        uint256 auctionId,
        address solver,
        address[] calldata tokens,
        TradeData[] calldata trades,
        InteractionData[] calldata interactions
    ) external nonReentrant {
        if (!isSubmitter[msg.sender]) revert Unauthorised();
        if (solver == address(0)) revert ZeroAddress();
        if (trades.length == 0) revert NoTrades();
        // Ties the call to its auction: a copy, or a second call for the same solver, cannot settle again.
        if (auctionSettled[auctionId][solver]) revert AuctionAlreadySettled(auctionId, solver);
        auctionSettled[auctionId][solver] = true;

        uint256[] memory balancesBefore = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            balancesBefore[i] = tokens[i].balanceOfThis();
        }
        uint256 etherBefore = address(this).balance;

        bytes32 separator = _domainSeparator();
        Relayer relayer_ = relayer;
        bytes32[] memory uids = new bytes32[](trades.length);
        for (uint256 i; i < trades.length; ++i) {
            TradeData calldata t = trades[i];
            address sellToken = tokens[t.sellTokenIndex];
            bytes32 uid = _digest(
                separator,
                _intentStructHash(t.owner, sellToken, tokens[t.buyTokenIndex], t.sellAmount, t.buyAmount, t.validTo, t.side)
            );
            // Fill-or-kill: the exact side is exact, the other never worse than the signed limit.
            if (t.side == SIDE_SELL) {
                if (t.executedSell != t.sellAmount || t.executedBuy < t.buyAmount) revert LimitViolated(uid);
            } else if (t.executedBuy != t.buyAmount || t.executedSell > t.sellAmount) {
                revert LimitViolated(uid);
            }
            if (block.timestamp > t.validTo) revert IntentExpired(uid);
            uint8 status = intentStatus[uid];
            if (status != STATUS_OPEN) {
                if (status == STATUS_FILLED) revert IntentAlreadyFilled(uid);
                revert IntentIsCancelled(uid);
            }
            if (!_isValidSignature(t.owner, uid, t.signature)) revert InvalidSignature(uid);

            intentStatus[uid] = STATUS_FILLED;
            uids[i] = uid;
            emit Trade(t.owner, uid, t.executedSell, t.executedBuy);
            try relayer_.transferIn(sellToken, t.owner, t.executedSell) {}
            catch {
                revert SellTransferFailed(uid);
            }
        }

        for (uint256 i; i < interactions.length; ++i) {
            InteractionData calldata interaction = interactions[i];
            address target = interaction.target;
            // The relayer holds the traders' approvals and this contract the in-flight funds: never a target.
            if (target == address(relayer_) || target == address(this)) revert ForbiddenInteraction(i);
            (bool ok, bytes memory reason) = target.call{value: interaction.value}(interaction.callData);
            if (!ok) revert InteractionFailed(i, reason);
        }
        // Checked before any payout: a right left in force would let its holder take in-flight funds of this or
        // a later settlement (through a token hook that hands it control, say).
        for (uint256 i; i < interactions.length; ++i) {
            if (_leavesApproval(interactions[i])) revert ApprovalLeftBehind(i);
        }

        for (uint256 i; i < trades.length; ++i) {
            TradeData calldata t = trades[i];
            address buyToken = tokens[t.buyTokenIndex];
            // What the trader receives is measured: a fee-on-transfer or rounding token may deliver less.
            uint256 before = buyToken.balanceOf(t.owner);
            if (!buyToken.trySafeTransfer(t.owner, t.executedBuy)) {
                if (buyToken.balanceOfThis() < t.executedBuy) revert SafeTransfer.TransferFailed(buyToken);
                revert PayoutFailed(uids[i]);
            }
            uint256 afterPayout = buyToken.balanceOf(t.owner);
            uint256 received = afterPayout > before ? afterPayout - before : 0;
            if (t.side == SIDE_SELL ? received < t.buyAmount : received != t.buyAmount) {
                revert PayoutNotAsSigned(uids[i], received);
            }
        }

        // Balance invariant: nothing this contract held before may be spent; the surplus is the solver's.
        for (uint256 i; i < tokens.length; ++i) {
            uint256 balance = tokens[i].balanceOfThis();
            uint256 before = balancesBefore[i];
            if (balance < before) revert BalanceDecreased(tokens[i]);
            if (balance > before) tokens[i].safeTransfer(solver, balance - before);
        }
        uint256 etherAfter = address(this).balance;
        if (etherAfter < etherBefore) revert BalanceDecreased(address(0));
        if (etherAfter > etherBefore) {
            (bool sent,) = solver.call{value: etherAfter - etherBefore}("");
            if (!sent) revert EtherTransferFailed();
        }

        emit Settled(auctionId, solver, msg.sender);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Cancelling

    /// @notice The owner cancels their intent; a filled intent stays filled.
    function cancel(Intent calldata intent) external nonReentrant {
        if (msg.sender != intent.owner) revert Unauthorised();
        _cancel(intent.owner, intentUid(intent));
    }

    /// @notice Anyone submits a cancellation the owner signed (EIP-712 type {CANCELLATION_TYPE}) off chain.
    function cancelSigned(Intent calldata intent, bytes calldata signature) external nonReentrant {
        bytes32 uid = intentUid(intent);
        if (!_isValidSignature(intent.owner, cancellationDigest(uid), signature)) revert InvalidSignature(uid);
        _cancel(intent.owner, uid);
    }

    function _cancel(address intentOwner, bytes32 uid) private {
        uint8 status = intentStatus[uid];
        if (status == STATUS_FILLED) revert IntentAlreadyFilled(uid);
        if (status == STATUS_OPEN) {
            intentStatus[uid] = STATUS_CANCELLED;
            emit IntentCancelled(intentOwner, uid);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // EIP-712

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @notice The intent's uid: its EIP-712 digest, the message the owner signs.
    function intentUid(Intent calldata intent) public view returns (bytes32) {
        return _digest(
            _domainSeparator(),
            _intentStructHash(
                intent.owner, intent.sellToken, intent.buyToken, intent.sellAmount, intent.buyAmount, intent.validTo,
                intent.side
            )
        );
    }

    /// @notice The EIP-712 digest an owner signs to cancel the intent with this uid.
    function cancellationDigest(bytes32 uid) public view returns (bytes32 digest) {
        bytes32 typeHash = CANCELLATION_TYPEHASH;
        bytes32 structHash;
        assembly ("memory-safe") {
            mstore(0, typeHash)
            mstore(0x20, uid)
            structHash := keccak256(0, 0x40)
        }
        return _digest(_domainSeparator(), structHash);
    }

    function _domainSeparator() private view returns (bytes32) {
        // Recomputed after a chain split so that a signature is never valid on both forks.
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    function _intentStructHash(
        address intentOwner,
        address sellToken,
        address buyToken,
        uint256 sellAmount,
        uint256 buyAmount,
        uint32 validTo,
        uint8 side
    ) private pure returns (bytes32 structHash) {
        bytes32 sideHash;
        if (side == SIDE_SELL) sideHash = SIDE_SELL_HASH;
        else if (side == SIDE_BUY) sideHash = SIDE_BUY_HASH;
        else revert UnknownSide(side);
        bytes32 typeHash = INTENT_TYPEHASH;
        // Hashed in scratch memory past the free pointer: no allocation per trade.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, typeHash)
            mstore(add(p, 0x20), intentOwner)
            mstore(add(p, 0x40), sellToken)
            mstore(add(p, 0x60), buyToken)
            mstore(add(p, 0x80), sellAmount)
            mstore(add(p, 0xa0), buyAmount)
            mstore(add(p, 0xc0), validTo)
            mstore(add(p, 0xe0), sideHash)
            structHash := keccak256(p, 0x100)
        }
    }

    function _digest(bytes32 separator, bytes32 structHash) private pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, 0x1901000000000000000000000000000000000000000000000000000000000000)
            mstore(add(p, 0x02), separator)
            mstore(add(p, 0x22), structHash)
            digest := keccak256(p, 0x42)
        }
    }

    /// @dev Whether an interaction granted a right to move this contract's tokens that is still in force: an
    /// ERC-20 allowance, an ERC-721/1155 or ERC-777 operator, or a Permit2 allowance. Fails closed: call data
    /// too short to name the spender, or a target that does not answer the query, counts as a right left behind.
    function _leavesApproval(InteractionData calldata interaction) private view returns (bool) {
        bytes calldata data = interaction.callData;
        if (data.length < 4) return false;
        bytes4 selector = bytes4(data[:4]);
        bytes memory query;
        if (selector == APPROVE || selector == INCREASE_ALLOWANCE) {
            if (data.length < 36) return true;
            query = abi.encodeWithSelector(0xdd62ed3e, address(this), _word(data, 4)); // allowance(owner, spender)
        } else if (selector == SET_APPROVAL_FOR_ALL) {
            if (data.length < 36) return true;
            query = abi.encodeWithSelector(0xe985e9c5, address(this), _word(data, 4)); // isApprovedForAll(owner, op)
        } else if (selector == AUTHORIZE_OPERATOR) {
            if (data.length < 36) return true;
            query = abi.encodeWithSelector(0xd95b6371, _word(data, 4), address(this)); // isOperatorFor(op, holder)
        } else if (selector == PERMIT2_APPROVE) {
            if (data.length < 68) return true;
            // allowance(owner, token, spender) returns (amount, expiration, nonce): the amount must be zero.
            query = abi.encodeWithSelector(0x927da105, address(this), _word(data, 4), _word(data, 36));
        } else {
            return false;
        }
        address target = interaction.target;
        bool ok;
        uint256 granted;
        assembly ("memory-safe") {
            ok := staticcall(gas(), target, add(query, 0x20), mload(query), 0, 0x20)
            // A separate statement: Yul evaluates arguments right to left, so returndatasize() must follow the call.
            ok := and(ok, gt(returndatasize(), 31))
            granted := mload(0)
        }
        return !ok || granted != 0;
    }

    /// @dev The address in the ABI word at `offset` of `data`, its upper bits dropped as a lenient token would.
    function _word(bytes calldata data, uint256 offset) private pure returns (address) {
        return address(uint160(uint256(bytes32(data[offset:offset + 32]))));
    }

    /// @dev A 65-byte ECDSA signature (r, s, v) by `signer`, with s in the lower half of the curve order and v 27
    /// or 28; failing that, an EIP-1271 contract `signer` that approves the digest.
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        if (signature.length == 65) {
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                r := calldataload(signature.offset)
                s := calldataload(add(signature.offset, 0x20))
                v := byte(0, calldataload(add(signature.offset, 0x40)))
            }
            if (uint256(s) <= HALF_CURVE_ORDER && (v == 27 || v == 28)) {
                address recovered = ecrecover(digest, v, r, s);
                if (recovered != address(0) && recovered == signer) return true;
            }
        }
        if (signer.code.length == 0) return false;
        bytes memory request = abi.encodeCall(IERC1271.isValidSignature, (digest, signature));
        bool ok;
        bytes32 answer;
        // Capped gas and at most one word of return data copied: a wallet cannot burn the submitter's gas, and
        // any answer other than the exact magic word (trailing bytes included) is a rejection, not a revert.
        assembly ("memory-safe") {
            ok := staticcall(EIP1271_GAS_LIMIT, signer, add(request, 0x20), mload(request), 0, 0x20)
            ok := and(ok, eq(returndatasize(), 0x20))
            answer := mload(0)
        }
        return ok && answer == EIP1271_MAGIC;
    }
}
